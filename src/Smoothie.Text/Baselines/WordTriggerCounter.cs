namespace Smoothie.Text.Baselines;

/// <summary>
/// Counts how a word that follows a punctuation mark is aligned, given a word deleted earlier in the same text (its
/// trigger): KJV's "And it came to pass, when the judge was dead, that they returned" is the WEB's "When the judge was
/// dead, they returned"; the "that" answers the deleted "came to pass" before it, too far away for a neighbour's context
/// to see. A trigger is a word deleted in the pair ("came", "pass"); only a word's first occurrence after a mark following
/// the trigger is counted. Keys are <see cref="Key"/>.
/// </summary>
internal sealed class WordTriggerCounter
{
    /// <summary>
    /// The least share of a trigger context's occurrences its prediction must cover to be kept: a remote word is weaker
    /// evidence than a neighbour ("pass … , that" is deleted in 70 % of its occurrences, because "it shall come to pass …,
    /// that" keeps it; "came … , that" in 84 %).
    /// </summary>
    public const double MinimumShare = 0.75;

    private readonly Dictionary<string, Dictionary<string, int>> counts = new(StringComparer.Ordinal);

    /// <summary>The key of a word after a trigger: the trigger lower-cased and the word's <see cref="LookupText.Key"/>.</summary>
    public static string Key(string trigger, string word) => LookupText.Lower(trigger) + " " + LookupText.Key(word);

    /// <summary>Forgets the counts of an earlier alignment pass.</summary>
    public void Clear() => counts.Clear();

    /// <summary>Counts one aligned pair: after every source word deleted there (a trigger), the groups of the words that follow a mark.</summary>
    /// <param name="source">The source tokens.</param>
    /// <param name="groups">The lower-cased target group each source token is aligned to (empty: deleted).</param>
    public void Add(IReadOnlyList<LookupToken> source, IReadOnlyList<string> groups)
    {
        for (int k = 0; k < source.Count; k++)
        {
            if (!source[k].IsWord || groups[k].Length > 0)
            {
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = k + 2; i < source.Count; i++)
            {
                if (source[i].IsWord && !source[i - 1].IsWord && seen.Add(LookupText.Lower(source[i].Text)))
                {
                    WordContextCounter.Increment(counts, Key(source[k].Text, source[i].Text), groups[i]);
                }
            }
        }
    }

    /// <summary>
    /// The trigger contexts seen at least <see cref="WordContextCounter.MinimumOccurrences"/> times whose most frequent
    /// group differs from the word's own group, holds no quotation mark (the targets' punctuation, not the word's), and
    /// covers at least <see cref="MinimumShare"/> of them and a larger share than the word's own prediction covers of the
    /// word's occurrences.
    /// </summary>
    /// <param name="wordShare">The share of a word key's occurrences its own prediction covers.</param>
    /// <param name="best">The most frequent group of a context's counts, given the word's lower-cased form.</param>
    /// <param name="written">The group as written (empty: deleted), or null when it is the word itself (copied).</param>
    /// <param name="ownGroup">The lower-cased group a word key's own prediction writes (the word itself when copied).</param>
    public Dictionary<string, WordContextPrediction> Build(
        Func<string, double> wordShare, Func<Dictionary<string, int>, string, string> best, Func<string, string, string?> written, Func<string, string> ownGroup)
    {
        var kept = new Dictionary<string, WordContextPrediction>(StringComparer.Ordinal);
        foreach ((string key, Dictionary<string, int> groups) in counts)
        {
            int occurrences = groups.Values.Sum();
            if (occurrences < WordContextCounter.MinimumOccurrences)
            {
                continue;
            }

            string word = key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            string group = best(groups, LookupText.Lower(word));
            var prediction = new WordContextPrediction(occurrences, groups[group], written(group, word));
            if (group != ownGroup(word) && prediction.Share >= MinimumShare && prediction.Share > wordShare(word)
                && !LookupText.Tokenize(group).Any(t => t.Text is "“" or "”" or "‘" or "’" or "\""))
            {
                kept[key] = prediction;
            }
        }

        return kept;
    }
}
