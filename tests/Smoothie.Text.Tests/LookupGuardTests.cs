using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

public sealed class LookupGuardTests
{
    /// <summary>
    /// "dwelt" → "lived" in all 5 of its occurrences; "Behold" is kept 3 times of 5 and deleted twice (the lookup copies
    /// it, with a share of 0.6 kept).
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("Isaac dwelt in Gerar.", 5), .. Enumerable.Repeat("Behold, the man came.", 5)],
        [.. Enumerable.Repeat("Isaac lived in Gerar.", 5), .. Enumerable.Repeat("The man came.", 2), .. Enumerable.Repeat("Behold, the man came.", 3)]);

    private static readonly HashSet<string> TargetWords = ["isaac", "lived", "in", "gerar", "behold", "the", "man", "came"];

    private static LookupGuard Guard(LookupGuardOptions? options = null) => new(Lookup, TargetWords, options ?? new LookupGuardOptions { MinimumShare = 0.9, MinimumCount = 5 });

    [Fact]
    public void CountsSayHowOftenAWordWasKept()
    {
        Assert.True(Lookup.HasCounts);
        Assert.True(Lookup.TryGetCounts("dwelt", out WordLookupCounts dwelt));
        Assert.Equal(new WordLookupCounts(5, 5) { Predicted = 5 }, dwelt);
        Assert.True(Lookup.TryGetCounts("Behold", out WordLookupCounts behold));
        Assert.Equal(5, behold.Occurrences);
        Assert.Equal(0.6, behold.NonEmptyShare, 6);
        Assert.False(Lookup.TryGetCounts("unseen", out _));
    }

    [Fact]
    public void AnInventedWordIsReplacedByTheLookupsRewriteOfItsSourceWord()
    {
        Assert.Equal("Isaac lived in Gerar.", Guard().Apply("Isaac lived in Gerarh.", "Isaac dwelt in Gerar."));
        Assert.Equal("Isaac lived in Gerar.", Guard().Apply("Isaac dwelteh in Gerar.", "Isaac dwelt in Gerar."));
    }

    [Fact]
    public void AnInventedWordBesideItsSourceWordsRewriteIsDropped()
    {
        Assert.Equal("Isaac lived in Gerar.", Guard().Apply("Isaac theh lived in Gerar.", "Isaac dwelt in Gerar."));
    }

    [Fact]
    public void AConfidentlyKeptWordTheOutputDroppedIsRestored()
    {
        Assert.Equal("Isaac lived in Gerar.", Guard().Apply("Isaac in Gerar.", "Isaac dwelt in Gerar."));
    }

    [Fact]
    public void AWordOftenDeletedInTrainingIsNotRestored()
    {
        // "Behold" was deleted in 2 of its 5 training occurrences (share 0.6 < 0.9): the output may leave it out.
        Assert.Equal("The man came.", Guard().Apply("The man came.", "Behold, the man came."));
        Assert.Equal("Isaac lived in Gerar.", Guard().Apply("Isaac in Gerar.", "Behold, Isaac dwelt in Gerar."));
    }

    [Fact]
    public void ACorrectOutputIsReturnedUntouched()
    {
        const string output = "Isaac  lived in Gerar .";
        Assert.Same(output, Guard().Apply(output, "Isaac dwelt in Gerar."));
    }

    [Fact]
    public void EachRepairCanBeTurnedOff()
    {
        Assert.Equal("Isaac in Gerar.", Guard(new LookupGuardOptions { RestoreDropped = false }).Apply("Isaac in Gerar.", "Isaac dwelt in Gerar."));
        Assert.Equal("Isaac lived in Gerarh.", Guard(new LookupGuardOptions { ReplaceInvented = false }).Apply("Isaac lived in Gerarh.", "Isaac dwelt in Gerar."));
        Assert.Equal("Isaac in Gerar.", Guard(new LookupGuardOptions { MinimumCount = 6 }).Apply("Isaac in Gerar.", "Isaac dwelt in Gerar."));
    }

    [Fact]
    public void AWordTheLookupDeletesIsNotPairedWithAnInventedWord()
    {
        // "And" at a verse start is deleted by the lookup: "Gerarh" is paired with "Gerar", not with "And".
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("And Isaac dwelt in Gerar.", 5)],
            [.. Enumerable.Repeat("Isaac lived in Gerar.", 5)]);
        var guard = new LookupGuard(lookup, TargetWords, new LookupGuardOptions { MinimumShare = 0.9 });
        Assert.Equal("Gerar lived in Gerar.", guard.Apply("Gerarh lived in Gerar.", "And Gerar dwelt in Gerar."));
        Assert.Equal("Isaac lived in Gerar.", guard.Apply("Isaacs lived in Gerar.", "And Isaac dwelt in Gerar."));
    }

    [Fact]
    public void ARestoredWordAtTheStartIsCapitalised()
    {
        Assert.Equal("Isaac lived in Gerar.", Guard().Apply("lived in Gerar.", "Isaac dwelt in Gerar."));
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => Guard(new LookupGuardOptions { MinimumShare = 1.5 }));
        Assert.Contains("MinimumShare", error.Message);
    }

    [Fact]
    public void CountsSurviveSaveAndLoad()
    {
        using var file = new TempFile("smoothie-guard");
        string path = file.Path;
        Lookup.Save(path);
        WordLookupBaseline loaded = WordLookupBaseline.Load(path);
        Assert.True(loaded.TryGetCounts("Behold", out WordLookupCounts behold));
        Assert.Equal(new WordLookupCounts(5, 3) { Predicted = 3 }, behold);
        Assert.Equal(Guard().Apply("Isaac in Gerar.", "Isaac dwelt in Gerar."), new LookupGuard(loaded, TargetWords, Guard().Options).Apply("Isaac in Gerar.", "Isaac dwelt in Gerar."));
        Assert.Equal(Lookup.ToText(), loaded.ToText());
    }

    [Fact]
    public void AVersionOneFileLoadsWithoutCountsAndRestoresNothing()
    {
        using var file = new TempFile("smoothie-guard");
        string path = file.Path;
        File.WriteAllText(path, "# Smoothie word lookup baseline v1: key<TAB>replacement (empty: deleted; a leading space: written after a space); a key alone: copied\ndwelt\t lived\n");
        WordLookupBaseline loaded = WordLookupBaseline.Load(path);
        Assert.False(loaded.HasCounts);
        Assert.Equal("Isaac lived in Gerar.", loaded.Rewrite("Isaac dwelt in Gerar."));
        Assert.Equal("Isaac in Gerar.", new LookupGuard(loaded, TargetWords, LookupGuardOptions.Default).Apply("Isaac in Gerar.", "Isaac dwelt in Gerar."));
    }
}
