using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

/// <summary>A closing quotation mark with no opening one before it is dropped from a rewrite (<see cref="QuotationMarks"/>).</summary>
public sealed class QuotationMarksTests
{
    /// <summary>"And" after "?" is the targets' closing quotation mark 12 times of 12 ("? And he said" → "?” He said").</summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("Who are you? And he said, I.", 12), .. Enumerable.Repeat("we came, and he said so.", 12)],
        [.. Enumerable.Repeat("“Who are you?” He said, “I.”", 12), .. Enumerable.Repeat("we came, and he said so.", 12)]);

    [Fact]
    public void TheDraftDropsAClosingMarkWithNoOpeningOneAndStartsTheNextSentence()
    {
        Assert.Equal("Are you Ziba? He went.", Lookup.Rewrite("Are you Ziba? And he went.", 0.7, inContext: true));
    }

    [Fact]
    public void TheGuardDropsAClosingMarkWithNoOpeningOne()
    {
        var guard = new LookupGuard(Lookup, null, new LookupGuardOptions { InContext = true });
        Assert.Equal("Are you Ziba? He said, yes.", guard.Apply("Are you Ziba?” he said, yes.", "Are you Ziba? And he said, yes."));
    }

    [Fact]
    public void MatchedMarksStay()
    {
        var guard = new LookupGuard(Lookup, null, new LookupGuardOptions { InContext = true });
        const string output = "He said, “Are you Ziba?” Yes.";
        Assert.Same(output, guard.Apply(output, "He said, Are you Ziba? Yes."));
    }

    [Fact]
    public void OnlyTheUnopenedMarksAreRemoved()
    {
        List<LookupToken> tokens = LookupText.Tokenize("a” “b” c”");
        Assert.True(QuotationMarks.DropUnopened(tokens));
        Assert.Equal("a “b” c", LookupText.Join(tokens));
        Assert.False(QuotationMarks.DropUnopened(tokens));
    }
}
