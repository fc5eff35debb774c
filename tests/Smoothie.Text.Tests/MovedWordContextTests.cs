using Smoothie.Text.Baselines;

namespace Smoothie.Text.Tests;

/// <summary>
/// A context deletes a word only next to a neighbour that is changed too: the deletion next to a copied neighbour is the
/// trace of a word the targets moved ("let me not fall" → "don’t let me fall"), and taking it reverses the meaning.
/// </summary>
public sealed class MovedWordContextTests
{
    /// <summary>
    /// "not" 32 times: kept 20 times ("I will not fall."), deleted 12 times next to "me" (the targets move it into "Don’t").
    /// "not" alone is kept 20 of 32 times (0.63); next to "me" it is deleted 12 of 12 times.
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("Let me not fall.", 12), .. Enumerable.Repeat("I will not fall.", 20), .. Enumerable.Repeat("Let me go.", 10)],
        [.. Enumerable.Repeat("Don’t let me fall.", 12), .. Enumerable.Repeat("I will not fall.", 20), .. Enumerable.Repeat("Let me go.", 10)]);

    [Fact]
    public void ADeletionNextToACopiedNeighbourIsNotTaken()
    {
        string draft = Lookup.Rewrite("Let me not fall.", 0.7, inContext: true);
        Assert.Contains("me not fall", draft, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePredictionOfEveryWordIsStillTheWordsOwnOutOfContext()
    {
        Assert.Equal("Let me not fall.", Lookup.Rewrite("Let me not fall.", 0.7, inContext: false));
    }

    [Fact]
    public void ADeletionNextToARewrittenNeighbourIsTaken()
    {
        // "did" next to "not" is rewritten to "didn’t" (8 of 10), so "not" next to "did" is deleted (the pair's other half).
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("They did not go.", 10), .. Enumerable.Repeat("They did go.", 10), .. Enumerable.Repeat("Go not there.", 20)],
            [.. Enumerable.Repeat("They didn’t go.", 8), .. Enumerable.Repeat("They did not go.", 2), .. Enumerable.Repeat("They did go.", 10), .. Enumerable.Repeat("Go not there.", 20)]);
        Assert.Equal("They didn’t go.", lookup.Rewrite("They did not go.", 0.7, inContext: true));
    }

    [Fact]
    public void ADeletionWhoseOtherNeighbourIsRewrittenIsTaken()
    {
        // "round" next to "are" is deleted (12 of 12; alone it is kept 28 of 40) while "about" after it becomes "around"
        // through its context with "him" (12 of 17), not through the pair with "round" (12 of 20): the neighbour "are" is
        // copied, but the word's other neighbour carries the rewrite.
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("They are round about him.", 12), .. Enumerable.Repeat("Go round about it.", 8), .. Enumerable.Repeat("It is round.", 20), .. Enumerable.Repeat("Talk about him.", 5)],
            [.. Enumerable.Repeat("They are around him.", 12), .. Enumerable.Repeat("Go round about it.", 8), .. Enumerable.Repeat("It is round.", 20), .. Enumerable.Repeat("Talk about him.", 5)]);
        Assert.Equal("They are around him.", lookup.Rewrite("They are round about him.", 0.7, inContext: true));
    }

    [Fact]
    public void AWordTurnedIntoAQuotationMarkNextToACopiedNeighbourIsKept()
    {
        // "Fear not" → "“Don’t be afraid" / "“Don’t fear": the alignment gives "Fear" the inserted "“" (12 of 12 before
        // "not", 12 of 22 alone) and "not" no rewrite sure enough; taking "“" would write "“not", losing the verb.
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("Fear not, Jacob.", 12), .. Enumerable.Repeat("Fear God.", 10), .. Enumerable.Repeat("I fear him.", 14), .. Enumerable.Repeat("Do not go.", 20)],
            [.. Enumerable.Repeat("“Don’t be afraid, Jacob.", 6), .. Enumerable.Repeat("“Don’t fear, Jacob.", 6), .. Enumerable.Repeat("Fear God.", 10), .. Enumerable.Repeat("I fear him.", 14), .. Enumerable.Repeat("Do not go.", 20)]);
        Assert.Contains("@after\tFear\tnot\t12\t12\t“", lookup.ToText(), StringComparison.Ordinal);
        Assert.Equal("Fear not, Jacob.", lookup.Rewrite("Fear not, Jacob.", 0.7, inContext: true));
    }
}
