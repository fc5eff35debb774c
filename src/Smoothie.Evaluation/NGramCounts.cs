namespace Smoothie.Evaluation;

/// <summary>Counts word n-grams, keyed by the tokens joined with a separator that cannot occur inside a token.</summary>
internal static class NGramCounts
{
    private const char Separator = '\u0001';

    public static string Key(IReadOnlyList<string> tokens, int start, int n)
    {
        return n == 1 ? tokens[start] : string.Join(Separator, tokens.Skip(start).Take(n));
    }

    /// <summary>Counts of all n-grams of exactly order <paramref name="n"/>.</summary>
    public static Dictionary<string, int> Of(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + n <= tokens.Count; i++)
        {
            string key = Key(tokens, i, n);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }
}
