using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

/// <summary>The guard's repair (c): a word that is only the first piece of its source word (<see cref="TruncatedWords"/>).</summary>
public sealed class LookupGuardTruncationTests
{
    /// <summary>
    /// "tarried" → "stayed" and "louder" kept, five times each; "camest" → "came", "didst" → "did" and "lovedst" →
    /// "loved" (three rewrites that drop the ending "st").
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [
            .. Enumerable.Repeat("They tarried here.", 5), .. Enumerable.Repeat("It grew louder.", 5),
            .. Enumerable.Repeat("Thou camest home.", 5), .. Enumerable.Repeat("Thou didst go.", 5), .. Enumerable.Repeat("Thou lovedst him.", 5),
        ],
        [
            .. Enumerable.Repeat("They stayed here.", 5), .. Enumerable.Repeat("It grew louder.", 5),
            .. Enumerable.Repeat("You came home.", 5), .. Enumerable.Repeat("You did go.", 5), .. Enumerable.Repeat("You loved him.", 5),
        ]);

    private static readonly HashSet<string> TargetWords = ["they", "stayed", "here", "it", "grew", "louder", "loud", "tar", "you", "came", "home", "did", "go", "loved", "him", "hated"];

    private static LookupGuard Guard(LookupGuardOptions? options = null) => new(Lookup, TargetWords, options ?? new LookupGuardOptions());

    [Fact]
    public void EndingsTheLookupDropsAreCounted()
    {
        var truncated = new TruncatedWords(Lookup);
        Assert.Equal(3, truncated.DroppedEndingCount("st"));
        Assert.Equal(0, truncated.DroppedEndingCount("ried"));
    }

    [Fact]
    public void AWordCutToItsFirstPieceTakesTheLookupsRewrite()
    {
        Assert.Equal("They stayed here.", Guard().Apply("They tar here.", "They tarried here."));
        Assert.Equal("It grew louder.", Guard().Apply("It grew loud.", "It grew louder."));
    }

    [Fact]
    public void AWordWithoutAnEndingTheLookupDropsIsAModernisationNotATruncation()
    {
        // "hatedst" was never seen, but three of the lookup's rewrites drop "st": "hated" is left as the model wrote it.
        const string output = "You hated him.";
        Assert.Same(output, Guard().Apply(output, "Thou hatedst him."));
    }

    [Fact]
    public void TheLookupsOwnPredictionIsNotATruncation()
    {
        const string output = "You came home.";
        Assert.Same(output, Guard().Apply(output, "Thou camest home."));
    }

    [Fact]
    public void TheRepairCanBeTurnedOff()
    {
        const string output = "They tar here.";
        Assert.Same(output, Guard(new LookupGuardOptions { RepairTruncated = false }).Apply(output, "They tarried here."));
    }
}
