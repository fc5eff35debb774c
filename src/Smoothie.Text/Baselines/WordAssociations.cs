namespace Smoothie.Text.Baselines;

/// <summary>
/// The first guess of <see cref="WordLookupLearner"/>: source keys and target words that go together, by the Dice
/// coefficient 2·c(s, t) / (c(s) + c(t)) over the pairs, counting only the words a pair does not
/// share (a source word absent from its target, a target word absent from its source: "LORD" and "Yahweh" in
/// "the LORD said" → "Yahweh said"). Words the two sides share are left to the alignment.
/// </summary>
internal sealed class WordAssociations
{
    /// <summary>The fewest pairs in which the two words must appear together.</summary>
    public const int MinimumPairs = 2;

    private readonly Dictionary<string, int> sourceCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> targetCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Source, string Target), int> jointCounts = [];

    /// <summary>Counts the unshared words of one pair.</summary>
    public void Add(IEnumerable<LookupToken> source, IEnumerable<LookupToken> target)
    {
        var sourceWords = source.Where(t => t.IsWord).Select(t => LookupText.Key(t.Text)).ToHashSet(StringComparer.Ordinal);
        var targetWords = target.Where(t => t.IsWord).Select(t => LookupText.Lower(t.Text)).ToHashSet(StringComparer.Ordinal);
        var sourceLower = sourceWords.Select(LookupText.Lower).ToHashSet(StringComparer.Ordinal);
        string[] unsharedSource = sourceWords.Where(w => !targetWords.Contains(LookupText.Lower(w))).ToArray();
        string[] unsharedTarget = targetWords.Where(w => !sourceLower.Contains(w)).ToArray();
        foreach (string s in unsharedSource)
        {
            sourceCounts[s] = sourceCounts.GetValueOrDefault(s) + 1;
            foreach (string t in unsharedTarget)
            {
                jointCounts[(s, t)] = jointCounts.GetValueOrDefault((s, t)) + 1;
            }
        }

        foreach (string t in unsharedTarget)
        {
            targetCounts[t] = targetCounts.GetValueOrDefault(t) + 1;
        }
    }

    /// <summary>
    /// The source keys and target words that are each other's best association (highest Dice, ties to the ordinally
    /// first word; seen together at least <see cref="MinimumPairs"/> times): "LORD" ↔ "yahweh", but not "the" → "yahweh",
    /// since "yahweh" goes with "LORD" more than with "the".
    /// </summary>
    public Dictionary<string, string> Best()
    {
        var bestTarget = new Dictionary<string, (string Word, double Dice)>(StringComparer.Ordinal);
        var bestSource = new Dictionary<string, (string Word, double Dice)>(StringComparer.Ordinal);
        foreach (((string s, string t), int joint) in jointCounts)
        {
            if (joint >= MinimumPairs)
            {
                double dice = 2.0 * joint / (sourceCounts[s] + targetCounts[t]);
                Keep(bestTarget, s, t, dice);
                Keep(bestSource, t, s, dice);
            }
        }

        return bestTarget
            .Where(p => bestSource[p.Value.Word].Word == p.Key)
            .ToDictionary(p => p.Key, p => p.Value.Word, StringComparer.Ordinal);
    }

    private static void Keep(Dictionary<string, (string Word, double Dice)> best, string key, string word, double dice)
    {
        if (!best.TryGetValue(key, out var current) || dice > current.Dice || (dice == current.Dice && string.CompareOrdinal(word, current.Word) < 0))
        {
            best[key] = (word, dice);
        }
    }
}
