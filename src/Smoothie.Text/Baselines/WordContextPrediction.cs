namespace Smoothie.Text.Baselines;

/// <summary>
/// What a <see cref="WordLookupBaseline"/> learned for a source word next to one neighbour (the word before it, or the
/// word after it): how often the pair was seen in the training sources, how often the word was then aligned to its
/// most frequent target group, and that group.
/// </summary>
/// <param name="Occurrences">The pair's occurrences in the training sources.</param>
/// <param name="Predicted">The occurrences in which the word was aligned to <paramref name="Replacement"/>'s group.</param>
/// <param name="Replacement">
/// The group as usually written in the targets (empty for a deletion, a leading space when it follows white space), or
/// null when the word is copied in this context.
/// </param>
internal readonly record struct WordContextPrediction(int Occurrences, int Predicted, string? Replacement)
{
    /// <summary>The share of the occurrences aligned to the predicted group, in [0, 1].</summary>
    public double Share => Occurrences == 0 ? 0 : (double)Predicted / Occurrences;

    /// <summary>
    /// Whether this is a word's prediction before any punctuation mark (<see cref="WordContextCounter.AnyMark"/>; set by
    /// <see cref="WordContextTable.TryAfter"/> when it falls back to one), kept
    /// because the word's own prediction is seldom right there rather than because it is surer than the word's own
    /// prediction is elsewhere.
    /// </summary>
    public bool BeforeAnyMark { get; init; }

    /// <summary>
    /// Whether the prediction is to be preferred to the word's own, whose share of the word's occurrences is
    /// <paramref name="wordShare"/>: surer than it, or learned before any punctuation mark.
    /// </summary>
    public bool Beats(double wordShare) => BeforeAnyMark || Share > wordShare;
}
