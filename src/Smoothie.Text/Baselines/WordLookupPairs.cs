namespace Smoothie.Text.Baselines;

/// <summary>
/// The halves of a two-word rewrite decided together: where one word of a pair is rewritten through the context the two
/// form, the other takes its prediction in the same pair.
/// </summary>
public sealed partial class WordLookupBaseline
{
    /// <summary>
    /// The prediction of word <paramref name="i"/> next to a neighbouring word that the rewrite at
    /// <paramref name="minimumShare"/> changes through the pair the two form, or null (punctuation marks are never paired):
    /// the halves of a two-word rewrite are decided together ("did not" → "didn’t": where "did" next to "not" is
    /// rewritten, "not" next to "did" is deleted, whatever its own share; without this the draft wrote "they didn’t not so").
    /// </summary>
    private WordContextPrediction? PairedContext(IReadOnlyList<LookupToken> tokens, int i, double minimumShare)
    {
        if (!tokens[i].IsWord)
        {
            return null;
        }

        if (i > 0 && RewritesThrough(tokens, i - 1, after: true, minimumShare)
            && contexts.TryBefore(tokens, i, out WordContextPrediction before))
        {
            return before;
        }

        return i + 1 < tokens.Count && RewritesThrough(tokens, i + 1, after: false, minimumShare)
            && contexts.TryAfter(tokens, i, out WordContextPrediction after)
            ? after
            : null;
    }

    /// <summary>Whether word <paramref name="j"/> is rewritten (not copied) by its context on the given side, at least <paramref name="minimumShare"/> sure.</summary>
    private bool RewritesThrough(IReadOnlyList<LookupToken> tokens, int j, bool after, double minimumShare) =>
        PairRewrite(tokens, j, after, minimumShare) is not null;

    /// <summary>
    /// The replacement word <paramref name="j"/> takes from its context on the given side when that context is its
    /// surest, at least <paramref name="minimumShare"/> sure and not a copy; else null.
    /// </summary>
    private string? PairRewrite(IReadOnlyList<LookupToken> tokens, int j, bool after, double minimumShare) =>
        tokens[j].IsWord && SurerContextWithSide(tokens, j) is { } context && context.IsAfter == after
        && context.Prediction.Share >= minimumShare ? context.Prediction.Replacement : null;

    /// <summary>
    /// Whether word <paramref name="i"/> is deleted because a neighbouring word is rewritten through the pair the two form,
    /// into something other than its own prediction (the pair's rewrite takes in both words), and the pair's context
    /// deletes it, however sure its own prediction is: "ye did not give" → "you didn’t give", where "did" next to "not"
    /// becomes "didn’t" and "not" next to "give" alone would be kept ("you didn’t not give" before); "it did eat" → "it
    /// ate". A neighbour rewritten as it is alone ("and brethren" → "and brothers") takes nothing in.
    /// </summary>
    internal bool DeletedWithPair(IReadOnlyList<LookupToken> tokens, int i, double minimumShare) =>
        tokens[i].IsWord
        && ((i > 0 && contexts.TryBefore(tokens, i, out WordContextPrediction before) && before.Replacement is { Length: 0 } && TakesInThePair(tokens, i - 1, after: true, minimumShare))
            || (i + 1 < tokens.Count && contexts.TryAfter(tokens, i, out WordContextPrediction after) && after.Replacement is { Length: 0 } && TakesInThePair(tokens, i + 1, after: false, minimumShare)));

    /// <summary>
    /// Whether word <paramref name="j"/> is rewritten through its context on the given side (<see cref="PairRewrite"/>)
    /// into other words than its own prediction's. The cheap test of the pair's deletion comes first in the caller, so
    /// this runs only where a context deletes the word beside <paramref name="j"/>.
    /// </summary>
    private bool TakesInThePair(IReadOnlyList<LookupToken> tokens, int j, bool after, double minimumShare) =>
        PairRewrite(tokens, j, after, minimumShare) is { } paired
        && !string.Equals(LookupText.Lower(paired.Trim()), LookupText.Lower((Replacement(tokens[j].Text) ?? tokens[j].Text).Trim()), StringComparison.Ordinal);
}
