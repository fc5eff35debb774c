using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

/// <summary>The guard keeps what the source draft keeps (<see cref="LookupGuardOptions.KeepShare"/>).</summary>
public sealed class LookupGuardKeepDraftedTests
{
    /// <summary>
    /// "shall" → "will" in 6 of its 10 occurrences (share 0.6), "goats" deleted in 6 of 10 (0.6), "dwelt" → "lived" in
    /// all 5: at a draft share of 0.7 the draft keeps "shall" and "goats" and rewrites "dwelt".
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [
            .. Enumerable.Repeat("we shall go.", 10),
            .. Enumerable.Repeat("they saw goats.", 10),
            .. Enumerable.Repeat("Isaac dwelt in Gerar.", 5),
        ],
        [
            .. Enumerable.Repeat("we will go.", 6), .. Enumerable.Repeat("we shall go.", 4),
            .. Enumerable.Repeat("they saw.", 6), .. Enumerable.Repeat("they saw goats.", 4),
            .. Enumerable.Repeat("Isaac lived in Gerar.", 5),
        ]);

    private static readonly HashSet<string> TargetWords = ["we", "will", "shall", "go", "they", "saw", "goats", "isaac", "lived", "stayed", "in", "gerar", "surely", "beersheba", "paddan", "them"];

    private static LookupGuard Guard(double? keepShare) => new(Lookup, TargetWords, new LookupGuardOptions { KeepShare = keepShare });

    [Fact]
    public void TheDraftKeepsTheWordsTheLookupIsNotSureToChange()
    {
        Assert.Equal("We shall go.", Lookup.Rewrite("we shall go.", 0.7));
        Assert.Equal("They saw goats.", Lookup.Rewrite("they saw goats.", 0.7));
        Assert.Equal("We will go.", Lookup.Rewrite("we shall go.", 0));
        Assert.Equal("They saw.", Lookup.Rewrite("they saw goats.", 0));
    }

    [Fact]
    public void AWordTheDraftKeepsIsPutBackWhereTheModelWroteAnotherWord()
    {
        Assert.Equal("We shall go.", Guard(0.7).Apply("We will go.", "we shall go."));
        Assert.Equal("We will go.", Guard(null).Apply("We will go.", "we shall go."));
        Assert.Equal("We will go.", Guard(0.5).Apply("We will go.", "we shall go."));
    }

    [Fact]
    public void AWordTheDraftKeepsIsRestoredWhereTheModelDroppedIt()
    {
        Assert.Equal("They saw goats.", Guard(0.7).Apply("They saw.", "they saw goats."));
        Assert.Equal("They saw.", Guard(null).Apply("They saw.", "they saw goats."));
        Assert.Equal("They saw.", Guard(0.5).Apply("They saw.", "they saw goats."));
    }

    [Fact]
    public void AWordTheDraftKeepsGoesBackBeforeTheMarkTheModelWroteInItsPlace()
    {
        Assert.Equal("They saw goats,", Guard(0.7).Apply("They saw,", "they saw goats."));
    }

    [Fact]
    public void TheSecondPartOfAHyphenatedNameComesBackAsItsOwnCapitalisedWord()
    {
        Assert.Equal("They saw Beth Jeshimoth.", Guard(0.7).Apply("They saw Beth.", "they saw Beth-jeshimoth."));
    }

    [Fact]
    public void ARareWordTheTargetsNeverUseIsRestoredWhereTheModelDroppedIt()
    {
        // "print" was never seen in training and "wench" is in no target: too little is known to drop either.
        Assert.Equal("They saw the print of goats.", Guard(0.7).Apply("They saw the of goats.", "they saw the print of goats."));
        var seenOnce = WordLookupBaseline.Learn(["we shall go.", "a wench went."], ["we shall go.", "a wench went."]);
        var guard = new LookupGuard(seenOnce, TargetWords, new LookupGuardOptions { KeepShare = 0.7 });
        Assert.Equal("A wench went.", guard.Apply("a went.", "a wench went."));

        // Seen five times (the guard's minimum count) and dropped in three of them: the targets' word choice stands.
        var seenOften = WordLookupBaseline.Learn([.. Enumerable.Repeat("a wench went.", 5)], [.. Enumerable.Repeat("a went.", 3), .. Enumerable.Repeat("a wench went.", 2)]);
        Assert.Equal("A wench went.", seenOften.Rewrite("a wench went.", 0.7));
        Assert.Equal("a went.", new LookupGuard(seenOften, TargetWords, new LookupGuardOptions { KeepShare = 0.7 }).Apply("a went.", "a wench went."));
    }

    [Fact]
    public void AWordTheTargetsNeverUseIsNotPutBack()
    {
        // "shall" is not a target word here (like "shalt" or "saith" in KJV → WEB): the model's modern word stays.
        var guard = new LookupGuard(Lookup, TargetWords.Where(w => w != "shall").ToHashSet(), new LookupGuardOptions { KeepShare = 0.7 });
        Assert.Equal("We will go.", guard.Apply("We will go.", "we shall go."));
    }

    [Fact]
    public void ANameTheModelSpellsItsOwnWayIsNotTakenApart()
    {
        Assert.Equal("They saw Beersheba.", Guard(0.7).Apply("They saw Beersheba.", "they saw Beer-sheba."));
        Assert.Equal("They saw Beer Sheba.", Guard(0.7).Apply("They saw Beer.", "they saw Beer-sheba."));
        Assert.Equal("They saw Paddan Aram.", Guard(0.7).Apply("They saw Paddan.", "they saw Padan-aram."));
        Assert.Equal("They saw them.", Guard(0.7).Apply("They saw them.", "they saw them-aram."));
    }

    [Fact]
    public void AnEmptyOutputBecomesTheDraft()
    {
        Assert.Equal("Isaac lived in Gerar.", Guard(0.7).Apply(string.Empty, "Isaac dwelt in Gerar."));
        Assert.Equal(string.Empty, Guard(null).Apply(string.Empty, "Isaac dwelt in Gerar."));
    }

    [Fact]
    public void TheModelDecidesTheWordsTheDraftRewrites()
    {
        Assert.Equal("Isaac stayed in Gerar.", Guard(0.7).Apply("Isaac stayed in Gerar.", "Isaac dwelt in Gerar."));
        Assert.Equal("Isaac lived in Gerar.", Guard(0.7).Apply("Isaac lived in Gerar.", "Isaac dwelt in Gerar."));
    }

    [Fact]
    public void SeveralWordsInTheKeptWordsPlaceAreLeftAlone()
    {
        Assert.Equal("We surely will go.", Guard(0.7).Apply("We surely will go.", "we shall go."));
    }

    [Fact]
    public void AnOutputThatKeepsTheDraftsWordsIsReturnedUntouched()
    {
        const string output = "We shall go.";
        Assert.Same(output, Guard(0.7).Apply(output, "we shall go."));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void AKeepShareOutsideTheUnitIntervalIsRejected(double share)
    {
        var options = new LookupGuardOptions { KeepShare = share };
        Assert.Contains(options.Problems(), p => p.Contains("KeepShare", StringComparison.Ordinal));
        var error = Assert.Throws<ArgumentException>(() => new LookupGuard(Lookup, TargetWords, options));
        Assert.Equal("options", error.ParamName);
    }
}
