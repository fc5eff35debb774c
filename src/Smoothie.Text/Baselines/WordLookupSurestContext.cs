namespace Smoothie.Text.Baselines;

/// <summary>
/// Which of a word's context predictions the lookup in context takes: the surer of its predictions next to the word
/// before and after it, when it beats the word's own prediction (<see cref="WordContextPrediction.Beats"/>) and may stand
/// by the moved-word rule (<see cref="MovedWordRule"/>).
/// </summary>
public sealed partial class WordLookupBaseline
{
    /// <summary>
    /// Token <paramref name="i"/>'s surest context prediction when it is surer than the word's own, else null: the surer of
    /// its neighbours' (<see cref="SurerContextWithSide"/>) and, after a punctuation mark, its prediction given a word before
    /// it that the lookup deletes, on its own or next to a neighbour (<see cref="WordContextTable.TryAfterTrigger"/>: "it
    /// came to pass … , that"), which takes precedence when surer than the word's own.
    /// </summary>
    private WordContextPrediction? SurerContext(IReadOnlyList<LookupToken> tokens, int i)
    {
        WordContextPrediction? neighbours = SurerContextWithSide(tokens, i)?.Prediction;
        return contexts.TryAfterTrigger(tokens, i, k => DeletedInContext(tokens, k), out WordContextPrediction trigger)
            && trigger.Share > WordShare(tokens[i].Text)
            ? trigger
            : neighbours;
    }

    /// <summary>
    /// Whether token <paramref name="k"/>'s surest prediction next to its neighbours, else its own, deletes it (a copy in
    /// context keeps a word its own prediction deletes).
    /// </summary>
    private bool DeletedInContext(IReadOnlyList<LookupToken> tokens, int k) =>
        (SurerContextWithSide(tokens, k) is { } context ? context.Prediction.Replacement : Replacement(tokens[k].Text)) is { Length: 0 };

    /// <summary>
    /// As <see cref="SurerContext"/>, with whether it is the context of the word after (true) or before. A context that
    /// deletes a word counts only next to a changed neighbour (<see cref="MovedWordRule"/>).
    /// </summary>
    private (WordContextPrediction Prediction, bool IsAfter)? SurerContextWithSide(IReadOnlyList<LookupToken> tokens, int i)
    {
        double own = WordShare(tokens[i].Text);
        bool ownDeletes = Replacement(tokens[i].Text) is { Length: 0 };
        (WordContextPrediction Prediction, bool IsAfter)? surest = null;
        if (contexts.TryBefore(tokens, i, out WordContextPrediction before) && before.Beats(own) && MovedWordRule.ContextMayStand(tokens, i, before, isAfter: false, j => NeighbourPrediction(tokens, j), ownDeletes))
        {
            surest = (before, false);
        }

        if (contexts.TryAfter(tokens, i, out WordContextPrediction after) && after.Beats(own) && MovedWordRule.ContextMayStand(tokens, i, after, isAfter: true, j => NeighbourPrediction(tokens, j), ownDeletes)
            && (surest is null || after.Share > surest.Value.Prediction.Share))
        {
            surest = (after, true);
        }

        return surest;
    }

    /// <summary>What token <paramref name="j"/>'s surest prediction (its own or in a context, unfiltered) writes, or null when it copies it.</summary>
    private string? NeighbourPrediction(IReadOnlyList<LookupToken> tokens, int j) =>
        contexts.SurestWithSide(tokens, j) is { } context && context.Prediction.Beats(WordShare(tokens[j].Text))
            ? context.Prediction.Replacement
            : Replacement(tokens[j].Text);
}
