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

    private readonly Dictionary<string, long> ids = new(StringComparer.Ordinal);
    private readonly List<(List<LookupToken> Source, List<LookupToken> Target, long[] TargetIds)> pairs = [];
    private readonly WordAssociations associations = new();
    private readonly Dictionary<string, Dictionary<string, int>> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> surfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> initialSurfaces = new(StringComparer.Ordinal);

    /// <summary>Adds one training pair.</summary>
    public void Add(string source, string target)
    {
        List<LookupToken> s = LookupText.Tokenize(source);
        List<LookupToken> t = LookupText.Tokenize(target);
        associations.Add(s, t);
        pairs.Add((s, t, t.Select(x => Id(LookupText.Lower(x.Text))).ToArray()));
    }

    /// <summary>Aligns every pair <see cref="Passes"/> times and returns the table of the last pass.</summary>
    public Dictionary<string, string?> Learn()
    {
        Dictionary<string, string?> table = [];
        for (int pass = 0; pass < Passes; pass++)
        {
            Dictionary<string, long> aligned = pass == 0
                ? associations.Best().ToDictionary(p => p.Key, p => Id(p.Value), StringComparer.Ordinal)
                : AlignedIds(table);
            groups.Clear();
            surfaces.Clear();
            initialSurfaces.Clear();
            foreach ((List<LookupToken> source, List<LookupToken> target, long[] targetIds) in pairs)
            {
                long[] sourceIds = source.Select(x => aligned.TryGetValue(LookupText.Key(x.Text), out long id) ? id : Id(LookupText.Lower(x.Text))).ToArray();
                Count(source, target, TokenAlignment.Align(sourceIds, targetIds));
            }

            table = Build();
        }

        return table;
    }

    private Dictionary<string, long> AlignedIds(Dictionary<string, string?> table)
    {
        var aligned = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach ((string key, string? replacement) in table)
        {
            if (!string.IsNullOrEmpty(replacement))
            {
                aligned[key] = Id(LookupText.Lower(LookupText.Tokenize(replacement)[0].Text));
            }
        }

        return aligned;
    }

    private void Count(List<LookupToken> s, List<LookupToken> t, TokenAlignment alignment)
    {
        for (int i = 0; i < s.Count; i++)
        {
            IReadOnlyList<int> aligned = alignment.TargetsOf(i);
            string surface = LookupText.Join(aligned.Select(j => t[j]));
            string lower = LookupText.Lower(surface);
            Count(groups, LookupText.Key(s[i].Text), lower);
            if (aligned.Count > 0)
            {
                int first = aligned[0];
                bool initial = first == 0 || LookupText.StartsSentence(t[first - 1]) || t[first - 1].Text is "“" or "‘" or "\"";
                Count(initial ? initialSurfaces : surfaces, lower, (t[first].SpaceBefore ? " " : string.Empty) + surface);
            }
        }
    }

    /// <summary>
    /// The lookup table: for every source key, its most frequent aligned group (ties: the key itself, then the ordinally
    /// first group) as usually written, with a leading space when the group usually followed white space; the empty string
    /// for a deletion. Keys whose group is the key itself are left out (the word is copied), except keys written in
    /// capitals, kept with a null value so that they are not looked up as their lower-cased form.
    /// </summary>
    private Dictionary<string, string?> Build()
    {
        var table = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach ((string key, Dictionary<string, int> counts) in groups)
        {
            string keyLower = LookupText.Lower(key);
            string best = counts
                .OrderByDescending(p => p.Value)
                .ThenBy(p => p.Key == keyLower ? 0 : 1)
                .ThenBy(p => p.Key, StringComparer.Ordinal)
                .First().Key;
            if (best == keyLower)
            {
                if (LookupText.IsCapitals(key))
                {
                    table[key] = null;
                }

                continue;
            }

            table[key] = best.Length == 0 ? string.Empty : Surface(best);
        }

        return table;
    }

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
