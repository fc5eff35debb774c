namespace Smoothie.Text.Baselines;

/// <summary>
/// How a source word was aligned in the training pairs of a <see cref="WordLookupBaseline"/>: how often it was seen, and
/// how often it was aligned to at least one target token (kept or rewritten rather than deleted).
/// </summary>
/// <param name="Occurrences">The word's occurrences in the training sources.</param>
/// <param name="NonEmpty">The occurrences aligned to at least one target token.</param>
public readonly record struct WordLookupCounts(int Occurrences, int NonEmpty)
{
    /// <summary>The share of the occurrences aligned to at least one target token, in [0, 1] (0 when never seen).</summary>
    public double NonEmptyShare => Occurrences == 0 ? 0 : (double)NonEmpty / Occurrences;
}
