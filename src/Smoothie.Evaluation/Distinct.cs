using System.Globalization;

namespace Smoothie.Evaluation;

/// <summary>
/// distinct-n (Li et al. 2016): the number of unique n-grams divided by the total number of n-grams, pooled over the
/// whole corpus, on a 0–1 scale. Tokens are whitespace-separated words (case kept) unless a tokenizer is given.
/// A reference-free diversity metric: references are ignored by <see cref="Compute"/>.
/// </summary>
/// <param name="orders">The n-gram orders reported by <see cref="Compute"/> (default 1, 2, 4).</param>
/// <param name="tokenize">Splits a text into tokens; null splits on whitespace.</param>
public sealed class Distinct(IReadOnlyList<int>? orders = null, Func<string, IReadOnlyList<string>>? tokenize = null) : ITextMetric
{
    private readonly Func<string, IReadOnlyList<string>> tokenize = tokenize ?? (t => PythonText.Split(t));

    /// <summary>The n-gram orders reported by <see cref="Compute"/>.</summary>
    public IReadOnlyList<int> Orders { get; } = orders ?? [1, 2, 4];

    /// <inheritdoc />
    public string Name => "distinct";

    /// <summary>distinct-<paramref name="n"/> of <paramref name="texts"/>; 0 when the corpus has no n-gram of that order.</summary>
    /// <exception cref="ArgumentException"><paramref name="n"/> &lt; 1.</exception>
    public double Score(IEnumerable<string> texts, int n)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (n < 1)
        {
            throw new ArgumentException($"The n-gram order must be >= 1 (got {n}).", nameof(n));
        }

        var unique = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (string text in texts)
        {
            IReadOnlyList<string> tokens = tokenize(text);
            for (int i = 0; i + n <= tokens.Count; i++)
            {
                unique.Add(NGramCounts.Key(tokens, i, n));
                total++;
            }
        }

        return total == 0 ? 0 : (double)unique.Count / total;
    }

    /// <inheritdoc />
    public MetricResult Compute(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        var values = Orders.ToDictionary(n => $"distinct_{n}", n => Score(hypotheses, n));
        string summary = string.Join(' ', values.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key.Replace('_', '-')} = {kv.Value:F4}")));
        return new MetricResult(Name, values, summary);
    }
}
