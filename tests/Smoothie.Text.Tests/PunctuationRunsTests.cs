using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

/// <summary>Adjacent punctuation marks collapse to the strongest (<see cref="PunctuationRuns"/>).</summary>
public sealed class PunctuationRunsTests
{
    [Theory]
    [InlineData("the horsemen,.", "the horsemen.")]
    [InlineData("at Beersheba,., then", "at Beersheba. then")]
    [InlineData("a, ; b", "a; b")]
    [InlineData("who? , he", "who? he")]
    [InlineData("a: , b", "a: b")]
    public void ARunBecomesItsStrongestMark(string text, string expected)
    {
        List<LookupToken> tokens = LookupText.Tokenize(text);
        Assert.True(PunctuationRuns.Collapse(tokens));
        Assert.Equal(expected, LookupText.Join(tokens));
    }

    [Theory]
    [InlineData("He said, “Go.”")]
    [InlineData("(for he stayed at Jericho,) he said")]
    [InlineData("a, b. c")]
    public void MarksApartOrBesideQuotesAndBracketsStay(string text)
    {
        List<LookupToken> tokens = LookupText.Tokenize(text);
        Assert.False(PunctuationRuns.Collapse(tokens));
        Assert.Equal(text, LookupText.Join(tokens));
    }

    [Fact]
    public void TheGuardCollapsesTheRunsOfItsRepair()
    {
        WordLookupBaseline lookup = WordLookupBaseline.Learn([.. Enumerable.Repeat("the horsemen came.", 10)], [.. Enumerable.Repeat("the horsemen came.", 10)]);
        var guard = new LookupGuard(lookup, null, LookupGuardOptions.Default);
        Assert.Equal("The horsemen came.", guard.Apply("The horsemen came,.", "the horsemen came."));
    }
}
