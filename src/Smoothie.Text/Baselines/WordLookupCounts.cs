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

    /// <summary>
    /// The occurrences aligned to exactly the group the lookup predicts (the word itself when it is copied), or null when
    /// unknown (a table read from a version 2 file).
    /// </summary>
    public int? Predicted { get; init; }

    /// <summary>
    /// How sure the lookup is of its prediction: the share of the occurrences aligned to the predicted group, in [0, 1],
    /// or null when <see cref="Predicted"/> is unknown. Low for a word the targets rewrite in several ways ("shall": "will"
    /// or kept), high for one they always rewrite the same way ("thou": "you").
    /// </summary>
    public double? PredictedShare => Predicted is { } predicted ? (Occurrences == 0 ? 0 : (double)predicted / Occurrences) : null;
}
