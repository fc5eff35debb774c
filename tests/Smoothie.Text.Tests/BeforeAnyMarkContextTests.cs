using Smoothie.Text.Baselines;

namespace Smoothie.Text.Tests;

/// <summary>
/// A word's prediction before any punctuation mark (<see cref="WordContextCounter.AnyMark"/>): "mine" is "my" before a
/// noun but "mine" where it ends a phrase, whatever the mark.
/// </summary>
public sealed class BeforeAnyMarkContextTests
{
    /// <summary>
    /// "mine" → "my" 40 times before a noun; kept 12 times before marks, spread over four of them (3 each, none seen ten
    /// times): only pooled is it a context.
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [
            .. Enumerable.Repeat("he saw mine eyes", 40),
            .. Enumerable.Repeat("the land is mine ;", 3), .. Enumerable.Repeat("the land is mine ,", 3),
            .. Enumerable.Repeat("the land is mine .", 3), .. Enumerable.Repeat("the land is mine :", 3),
        ],
        [
            .. Enumerable.Repeat("he saw my eyes", 40),
            .. Enumerable.Repeat("the land is mine ;", 3), .. Enumerable.Repeat("the land is mine ,", 3),
            .. Enumerable.Repeat("the land is mine .", 3), .. Enumerable.Repeat("the land is mine :", 3),
        ]);

    [Fact]
    public void AWordThatEndsAPhraseKeepsItsFormBeforeAnyMark()
    {
        Assert.Equal("He saw my eyes", Lookup.Rewrite("he saw mine eyes", 0.7, inContext: true));
        Assert.Equal("The land is mine;", Lookup.Rewrite("the land is mine;", 0.7, inContext: true));
        Assert.Equal("The land is mine?", Lookup.Rewrite("the land is mine?", 0.7, inContext: true)); // a mark never seen after it
        Assert.Equal("The land is my;", Lookup.Rewrite("the land is mine;", 0.7)); // the word alone
        Assert.Equal("And my", Lookup.Rewrite("and mine", 0.7, inContext: true)); // the end of the text is no mark
    }

    [Fact]
    public void ThePooledContextIsSavedAsAnAfterLineAndLoadedBack()
    {
        using var file = new TempFile("smoothie-anymark");
        string path = file.Path;
        Lookup.Save(path);
        string[] lines = File.ReadAllLines(path);
        Assert.StartsWith("# Smoothie word lookup baseline v7:", lines[0]);
        Assert.Contains("@after\tmine\t<mark>\t12\t12", lines);
        WordLookupBaseline loaded = WordLookupBaseline.Load(path);
        Assert.Equal("The land is mine.", loaded.Rewrite("the land is mine.", 0.7, inContext: true));
        Assert.Equal(Lookup.ToText(), loaded.ToText());
    }

    [Fact]
    public void AMarkSeenOftenOnItsOwnThatPrefersTheWordsPredictionBlocksThePool()
    {
        // Before "," (12 times, its own context not surer than the word alone) "mine" is "my" like everywhere else: the
        // pool of the other marks would contradict it, so it is not kept.
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("he saw mine eyes", 40), .. Enumerable.Repeat("the land is mine ,", 12), .. Enumerable.Repeat("the land is mine ;", 12)],
            [.. Enumerable.Repeat("he saw my eyes", 40), .. Enumerable.Repeat("the land is my ,", 12), .. Enumerable.Repeat("the land is mine ;", 12)]);
        Assert.DoesNotContain("\t<mark>\t", lookup.ToText(), StringComparison.Ordinal);
        Assert.Equal("The land is mine;", lookup.Rewrite("the land is mine;", 0.7, inContext: true)); // its own context
        Assert.Equal("The land is my.", lookup.Rewrite("the land is mine.", 0.7, inContext: true));
    }

    [Fact]
    public void APooledDeletionIsNotKept()
    {
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("he saw mine eyes", 40), .. Enumerable.Repeat("it is mine ;", 6), .. Enumerable.Repeat("it is mine .", 6)],
            [.. Enumerable.Repeat("he saw my eyes", 40), .. Enumerable.Repeat("it is ;", 6), .. Enumerable.Repeat("it is .", 6)]);
        Assert.DoesNotContain("\t<mark>\t", lookup.ToText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@before\t<mark>\tmine\t12\t12")]
    [InlineData("@before\tmine\t<mark>\t12\t12")]
    public void AMarkKeyOutsideAnAfterLineIsRejected(string line)
    {
        LookupFileAssert.RejectsThirdLine(Lookup, "mine\t52\t52\t40\t my", line);
    }
}
