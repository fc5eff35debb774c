using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

/// <summary>The halves of a two-word rewrite are decided together in context ("did not" → "didn’t").</summary>
public sealed class PairedContextRewriteTests
{
    /// <summary>
    /// "did" next to "not": "didn’t" 8 times of 10 (alone "did" is kept 12 times of 20); "not" next to "did": deleted 6 times of
    /// 10 ("really" twice, kept twice), and kept 5 times of 13 alone.
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("They did not go.", 10), .. Enumerable.Repeat("They did go.", 10), .. Enumerable.Repeat("Go not there.", 3)],
        [
            .. Enumerable.Repeat("They didn’t go.", 6), .. Enumerable.Repeat("They didn’t really go.", 2), .. Enumerable.Repeat("They did not go.", 2),
            .. Enumerable.Repeat("They did go.", 10), .. Enumerable.Repeat("Go not there.", 3),
        ]);

    [Fact]
    public void AWordNextToANeighbourRewrittenThroughThePairTakesItsPredictionInThatPair()
    {
        // "did" is rewritten at 0.7 (0.8 sure next to "not"); "not" next to "did" is only 0.6 sure of its deletion, and
        // without the pairing the draft would read "They didn’t not go."
        Assert.Equal("They didn’t go.", Lookup.Rewrite("They did not go.", 0.7, inContext: true));
    }

    [Fact]
    public void NoPairingWhenTheNeighbourIsCopied()
    {
        // At 0.9 "did" is copied, so "not" is decided alone: copied too.
        Assert.Equal("They did not go.", Lookup.Rewrite("They did not go.", 0.9, inContext: true));
    }

    [Fact]
    public void NoPairingOutOfContext()
    {
        Assert.Equal("They did not go.", Lookup.Rewrite("They did not go.", 0.7, inContext: false));
    }

    /// <summary>
    /// As <see cref="Lookup"/>, with "not" before "give" kept 12 times of 12 (a context surer than the pair's, so "not"
    /// alone would be kept confidently next to "give") and "I know not" → "I don’t know" 12 times (so "not" on its own is
    /// unsure, and its context next to "did" is kept).
    /// </summary>
    private static readonly WordLookupBaseline SureFollower = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("They did not go.", 10), .. Enumerable.Repeat("They did go.", 10), .. Enumerable.Repeat("Do not give.", 12), .. Enumerable.Repeat("I know not.", 12)],
        [
            .. Enumerable.Repeat("They didn’t go.", 6), .. Enumerable.Repeat("They didn’t really go.", 2), .. Enumerable.Repeat("They did not go.", 2),
            .. Enumerable.Repeat("They did go.", 10), .. Enumerable.Repeat("Do not give.", 12), .. Enumerable.Repeat("I don’t know.", 12),
        ]);

    [Fact]
    public void AWordThePairDeletesIsDeletedHoweverSureItsOtherContext()
    {
        // "did" becomes "didn’t" next to "not"; "not" next to "give" is kept 12 of 12 times, but the pair has absorbed it.
        Assert.Equal("They didn’t give.", SureFollower.Rewrite("They did not give.", 0.7, inContext: true));
        Assert.Equal("Do not give.", SureFollower.Rewrite("Do not give.", 0.7, inContext: true));
        Assert.Equal("They did not give.", SureFollower.Rewrite("They did not give.", 0.9, inContext: true));
    }

    [Fact]
    public void TheGuardDoesNotRestoreAWordThePairDeletes()
    {
        var guard = new LookupGuard(SureFollower, null, new LookupGuardOptions { InContext = true, KeepShare = 0.7 });
        Assert.Equal("They didn’t give.", guard.Apply("They didn’t give.", "They did not give."));

        // A word the output really lost is still restored.
        Assert.Equal("Do not give.", guard.Apply("Do give.", "Do not give."));
    }
}
