namespace Smoothie.Text.Baselines;

/// <summary>
/// Counts, for every source word, the words the targets insert before its rewrite that the edit-distance alignment gives
/// to the word before it: in "Joktan begat Almodad" → "Joktan became the father of Almodad" the alignment pairs "Joktan"
/// with "Joktan became the" and "begat" with "father of", so the lookup wrote "Joktan father of Almodad". Read as what
/// they are, the words a word's rewrite needs before it ("begat" → "became the" in 159 of its 201 training occurrences;
/// "the" before KJV's bare "Jordan", "sexual" before "immorality" for "fornication"), they are kept as the word's prefix
/// (<see cref="Build"/>) and written by the lookup in context before the word's rewrite.
/// </summary>
internal sealed class WordPrefixCounter
{
    /// <summary>The fewest occurrences of a word with its prefix for the prefix to be kept.</summary>
    public const int MinimumOccurrences = 10;

    private readonly Dictionary<string, int> occurrences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> surfaces = new(StringComparer.Ordinal);

    /// <summary>Forgets the counts of an earlier alignment pass.</summary>
    public void Clear()
    {
        occurrences.Clear();
        prefixes.Clear();
        surfaces.Clear();
    }

    /// <summary>
    /// Counts source token <paramref name="i"/>, given the target tokens aligned to the token before it and that token's
    /// prediction (its lower-cased words): words after the prediction in that group, all of them words, are counted as the
    /// token's prefix (not after a token its prediction deletes).
    /// </summary>
    /// <param name="source">The source tokens.</param>
    /// <param name="i">The token's index.</param>
    /// <param name="previousGroup">The target tokens aligned to token <paramref name="i"/> − 1 (empty for the first token).</param>
    /// <param name="previousPrediction">The lower-cased tokens of token <paramref name="i"/> − 1's prediction (empty when deleted).</param>
    public void Add(IReadOnlyList<LookupToken> source, int i, IReadOnlyList<LookupToken> previousGroup, IReadOnlyList<string> previousPrediction)
    {
        if (!source[i].IsWord)
        {
            return;
        }

        string word = LookupText.Lower(source[i].Text);
        occurrences[word] = occurrences.GetValueOrDefault(word) + 1;
        // After a word the prediction deletes, its group is the word's own doing in this context ("Do not give", where "not"
        // is mostly deleted elsewhere), not words inserted before this one.
        if (previousPrediction.Count == 0 || previousGroup.Count <= previousPrediction.Count)
        {
            return;
        }

        for (int k = 0; k < previousPrediction.Count; k++)
        {
            if (LookupText.Lower(previousGroup[k].Text) != previousPrediction[k])
            {
                return;
            }
        }

        LookupToken[] prefix = previousGroup.Skip(previousPrediction.Count).ToArray();
        if (!prefix.All(t => t.IsWord))
        {
            return;
        }

        string lower = string.Join(' ', prefix.Select(t => LookupText.Lower(t.Text)));
        WordContextCounter.Increment(prefixes, word, lower);
        WordContextCounter.Increment(surfaces, word + " " + lower, string.Join(' ', prefix.Select(t => t.Text)));
    }

    /// <summary>
    /// The prefixes kept: for every word, its most frequent prefix when seen at least <see cref="MinimumOccurrences"/> times
    /// and before more than half of the word's occurrences, as the targets most often write it, with the word's occurrences
    /// and the prefix's count (<see cref="WordContextPrediction.Share"/> is how sure it is).
    /// </summary>
    public Dictionary<string, WordContextPrediction> Build()
    {
        var kept = new Dictionary<string, WordContextPrediction>(StringComparer.Ordinal);
        foreach ((string word, Dictionary<string, int> counts) in prefixes)
        {
            (string prefix, int count) = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First();
            int total = occurrences[word];
            if (count >= MinimumOccurrences && 2 * count > total)
            {
                string written = surfaces[word + " " + prefix].OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;
                kept[word] = new WordContextPrediction(total, count, written);
            }
        }

        return kept;
    }
}
