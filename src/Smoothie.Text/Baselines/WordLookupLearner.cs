using Smoothie.Text.Layout;

namespace Smoothie.Text.Baselines;

/// <summary>
/// Counts, over training pairs, which target word group every source word is aligned to (<see cref="TokenAlignment"/> of
/// the lower-cased token sequences), and how each group is usually written; <see cref="Build"/> keeps the most frequent
/// group of every source key. In the first pass a source word the target lacks takes the id of its most associated
/// target word (<see cref="WordAssociations"/>); the alignment is repeated (<see cref="Passes"/>), and from the second
/// pass on a source word takes the id of the first word of its current prediction ("thou" is aligned as "you"), so that the edit-distance
/// alignment pairs it with that word instead of placing deletions and substitutions arbitrarily within a run of
/// unmatched words ("And thou" → "You": "And" deleted, "thou" → "You", not "And" → "You" and "thou" deleted).
/// </summary>
internal sealed class WordLookupLearner
{
    /// <summary>Alignment passes: the first on the words themselves, the others on the predictions of the pass before.</summary>
    public const int Passes = 3;

    /// <summary>How often a capitalised spelling must be seen for its own prediction to be used instead of the lower-cased word's.</summary>
    public const int MinimumCasedCount = 3;

    private readonly Dictionary<string, long> ids = new(StringComparer.Ordinal);
    private readonly List<(List<LookupToken> Source, List<LookupToken> Target, long[] TargetIds)> pairs = [];
    private readonly WordAssociations associations = new();
    private readonly Dictionary<string, Dictionary<string, int>> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> surfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> initialSurfaces = new(StringComparer.Ordinal);
    private readonly WordContextCounter contexts = new();
    private readonly WordPrefixCounter prefixes = new();
    private readonly WordTriggerCounter triggers = new();
    private readonly Dictionary<string, (int A, int An)> articles = new(StringComparer.Ordinal);

    /// <summary>Adds one training pair.</summary>
    public void Add(string source, string target)
    {
        List<LookupToken> s = LookupText.Tokenize(source);
        List<LookupToken> t = LookupText.Tokenize(target);
        associations.Add(s, t);
        ArticleUsage.Count(t, articles);
        pairs.Add((s, t, t.Select(x => Id(LookupText.Lower(x.Text))).ToArray()));
    }

    /// <summary>
    /// The counts of the last pass (<see cref="Learn"/>): for every lower-cased source key and every capitalised key the
    /// table keeps, how often it was aligned and how often to at least one target token.
    /// </summary>
    public Dictionary<string, WordLookupCounts> Counts { get; } = new(StringComparer.Ordinal);

    /// <summary>The predictions of the last pass for a word next to the word before it (<see cref="WordContextCounter"/>).</summary>
    public Dictionary<string, WordContextPrediction> Before { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The predictions of the last pass for a word next to the word after it (<see cref="WordContextCounter"/>).</summary>
    public Dictionary<string, WordContextPrediction> After { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Which indefinite article the targets write before each word.</summary>
    public ArticleUsage Articles => new(new Dictionary<string, (int A, int An)>(articles, StringComparer.Ordinal), known: true);

    /// <summary>The predictions of the last pass for a word after a mark, given a word deleted before it (<see cref="WordTriggerCounter"/>).</summary>
    public Dictionary<string, WordContextPrediction> Triggers { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The words the targets insert before a word's rewrite, from the last pass (<see cref="WordPrefixCounter"/>).</summary>
    public Dictionary<string, WordContextPrediction> Prefixes { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The insertions of the last pass after a word followed by two given words (<see cref="WordContextCounter"/>).</summary>
    public Dictionary<string, WordContextPrediction> Ahead { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Aligns every pair <see cref="Passes"/> times and returns the table of the last pass (counts in <see cref="Counts"/>).</summary>
    public Dictionary<string, string?> Learn()
    {
        Dictionary<string, string?> table = [];
        Dictionary<string, string>? associations = this.associations.Best();
        for (int pass = 0; pass < Passes; pass++)
        {
            groups.Clear();
            surfaces.Clear();
            initialSurfaces.Clear();
            contexts.Clear();
            prefixes.Clear();
            triggers.Clear();
            foreach ((List<LookupToken> source, List<LookupToken> target, long[] targetIds) in pairs)
            {
                long[] sourceIds = source.Select(x => SourceId(x.Text, pass == 0 ? associations : null, table)).ToArray();
                Count(source, target, TokenAlignment.Align(sourceIds, targetIds), pass == Passes - 1 ? table : null);
            }

            table = Build();
            associations = null;
        }

        Counts.Clear();
        foreach ((string key, Dictionary<string, int> counts) in groups)
        {
            if (key == LookupText.Lower(key) || table.ContainsKey(key))
            {
                int occurrences = counts.Values.Sum();
                string predicted = table.TryGetValue(key, out string? value) ? LookupText.Lower(value?.Trim() ?? LookupText.Lower(key)) : Best(counts, LookupText.Lower(key));
                Counts[key] = new WordLookupCounts(occurrences, occurrences - counts.GetValueOrDefault(string.Empty)) { Predicted = counts.GetValueOrDefault(predicted) };
            }
        }

        Prefixes = prefixes.Build();
        Func<string, double> wordShare = wordKey => (Counts.TryGetValue(table.ContainsKey(wordKey) ? wordKey : LookupText.Lower(wordKey), out WordLookupCounts c) ? c.PredictedShare : null) ?? 0;
        Func<string, string, string?> written = (group, wordKey) => group == LookupText.Lower(wordKey) ? null : Written(group);
        Func<string, string> ownGroup = wordKey => LookupText.TryResolve(table, wordKey, out string? replacement) && replacement is not null ? LookupText.Lower(replacement.Trim()) : LookupText.Lower(wordKey);
        Triggers = triggers.Build(wordShare, Best, written, ownGroup);
        (Before, After, Ahead) = contexts.Build(wordShare, Best, written, ownGroup);
        return table;
    }

    /// <summary>
    /// The id a source token is aligned under: its associated target word's (first pass) or its prediction's first word
    /// (later passes), else its own lower-cased id.
    /// </summary>
    private long SourceId(string token, Dictionary<string, string>? associated, Dictionary<string, string?> table)
    {
        if (associated is not null)
        {
            return associated.TryGetValue(LookupText.Key(token), out string? word) || associated.TryGetValue(LookupText.Lower(token), out word)
                ? Id(word)
                : Id(LookupText.Lower(token));
        }

        return LookupText.TryResolve(table, token, out string? replacement) && !string.IsNullOrEmpty(replacement)
            ? Id(LookupText.Lower(LookupText.Tokenize(replacement)[0].Text))
            : Id(LookupText.Lower(token));
    }

    /// <summary>
    /// Counts one aligned pair; with <paramref name="lastPassTable"/> (the table the last pass aligns with) also the
    /// prefixes and triggers, which only the last pass's counts feed.
    /// </summary>
    private void Count(List<LookupToken> s, List<LookupToken> t, TokenAlignment alignment, Dictionary<string, string?>? lastPassTable)
    {
        string[] surfaceOf = Enumerable.Range(0, s.Count).Select(i => LookupText.Join(alignment.TargetsOf(i).Select(j => t[j]))).ToArray();
        string[] lowerOf = surfaceOf.Select(LookupText.Lower).ToArray();
        if (lastPassTable is not null)
        {
            triggers.Add(s, lowerOf);
        }

        for (int i = 0; i < s.Count; i++)
        {
            IReadOnlyList<int> aligned = alignment.TargetsOf(i);
            if (lastPassTable is not null)
            {
                prefixes.Add(s, i, i == 0 ? [] : alignment.TargetsOf(i - 1).Select(j => t[j]).ToArray(), i == 0 ? [] : PredictionWords(s[i - 1].Text, lastPassTable));
            }

            string surface = surfaceOf[i];
            string lower = lowerOf[i];
            Count(groups, LookupText.Lower(s[i].Text), lower);
            contexts.Add(s, i, lower, followersKept: Enumerable.Range(i + 1, 2).All(k => k >= s.Count || alignment.TargetsOf(k).Count > 0));
            if (LookupText.IsCased(s[i].Text))
            {
                Count(groups, LookupText.Key(s[i].Text), lower);
            }

            if (aligned.Count > 0)
            {
                int first = aligned[0];
                bool initial = first == 0 || LookupText.StartsSentence(t[first - 1]) || t[first - 1].Text is "“" or "‘" or "\"";
                Count(initial ? initialSurfaces : surfaces, lower, (t[first].SpaceBefore ? " " : string.Empty) + surface);
            }
        }
    }

    /// <summary>The lower-cased tokens of a source token's prediction in <paramref name="table"/> (none when it is deleted).</summary>
    private static string[] PredictionWords(string token, Dictionary<string, string?> table) =>
        LookupText.TryResolve(table, token, out string? replacement) && replacement is not null
            ? LookupText.Tokenize(replacement).Select(x => LookupText.Lower(x.Text)).ToArray()
            : [LookupText.Lower(token)];

    /// <summary>
    /// The lookup table: for every source key, its most frequent aligned group (ties: the key itself, then the ordinally
    /// first group) as usually written, with a leading space when the group usually followed white space; the empty string
    /// for a deletion. Lower-cased keys whose group is the key itself are left out (the word is copied). A capitalised
    /// spelling (counted under its own key too) is kept only when seen <see cref="MinimumCasedCount"/> times or more and
    /// predicting otherwise than its lower-cased word: with a null value when it is copied.
    /// </summary>
    private Dictionary<string, string?> Build()
    {
        var table = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach ((string key, Dictionary<string, int> counts) in groups)
        {
            string keyLower = LookupText.Lower(key);
            string best = Best(counts, keyLower);
            if (key != keyLower)
            {
                // A capitalised spelling: kept only when seen often enough and predicting otherwise than the word.
                if (counts.Values.Sum() < MinimumCasedCount || best == Best(groups[keyLower], keyLower))
                {
                    continue;
                }

                table[key] = best == keyLower ? null : Written(best);
            }
            else if (best != keyLower)
            {
                table[key] = Written(best);
            }
        }

        return table;
    }

    private static string Best(Dictionary<string, int> counts, string keyLower) => counts
        .OrderByDescending(p => p.Value)
        .ThenBy(p => p.Key == keyLower ? 0 : 1)
        .ThenBy(p => p.Key, StringComparer.Ordinal)
        .First().Key;

    private string Written(string group) => group.Length == 0 ? string.Empty : Surface(group);

    private string Surface(string lowerGroup)
    {
        if (surfaces.TryGetValue(lowerGroup, out Dictionary<string, int>? written))
        {
            return MostFrequent(written);
        }

        string initial = MostFrequent(initialSurfaces[lowerGroup]);
        return initial.StartsWith(' ') ? " " + LookupText.Decapitalize(initial[1..]) : LookupText.Decapitalize(initial);
    }

    private static string MostFrequent(Dictionary<string, int> counts) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).First().Key;

    private long Id(string token)
    {
        if (!ids.TryGetValue(token, out long id))
        {
            id = ids.Count;
            ids[token] = id;
        }

        return id;
    }

    private static void Count(Dictionary<string, Dictionary<string, int>> counts, string key, string value)
    {
        if (!counts.TryGetValue(key, out Dictionary<string, int>? inner))
        {
            inner = new Dictionary<string, int>(StringComparer.Ordinal);
            counts[key] = inner;
        }

        inner[value] = inner.GetValueOrDefault(value) + 1;
    }
}
