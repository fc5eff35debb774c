using Smoothie.Text.Baselines;

namespace Smoothie.Text.Tests;

/// <summary>
/// A word after a punctuation mark predicted from a word deleted before it in the text (<see cref="WordTriggerCounter"/>):
/// "And it came to pass, when the judge was dead, that they returned" → "When the judge was dead, they returned".
/// </summary>
public sealed class TriggerContextTests
{
    /// <summary>
    /// "it came to pass" deleted and "that" after a later mark with it, 12 times; "that" kept 30 times elsewhere, so that
    /// its own prediction and its neighbours' are "that"; "came" is kept after "he" and "it" before "fell".
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [
            .. Enumerable.Repeat("it came to pass, when he came, that he sat.", 12), .. Enumerable.Repeat("he said, that he sat.", 30),
            .. Enumerable.Repeat("it fell from the land.", 12),
        ],
        [
            .. Enumerable.Repeat("when he came, he sat.", 12), .. Enumerable.Repeat("he said, that he sat.", 30),
            .. Enumerable.Repeat("it fell from the land.", 12),
        ]);

    [Fact]
    public void TheWordIsPredictedFromTheDeletedWordBeforeIt()
    {
        Assert.Contains("@trigger\tcame\tthat\t12\t12\t\n", Lookup.ToText(), StringComparison.Ordinal);
        Assert.Equal("When he ate, he sat.", Lookup.Rewrite("it came to pass, when he ate, that he sat.", 0.7, inContext: true));
        Assert.Equal("He said, that he sat.", Lookup.Rewrite("he said, that he sat.", 0.7, inContext: true));
    }

    [Fact]
    public void OnlyTheWordsFirstOccurrenceAfterAMarkFollowingTheTriggerIsPredicted()
    {
        Assert.Equal("When he ate, he sat, that he slept.", Lookup.Rewrite("it came to pass, when he ate, that he sat, that he slept.", 0.7, inContext: true));
    }

    [Fact]
    public void ATriggerTheDraftKeepsPredictsNothing()
    {
        // "came" is kept after "he": the "that" after it stays.
        Assert.Equal("When he came, that he sat.", Lookup.Rewrite("when he came, that he sat.", 0.7, inContext: true));
    }

    [Fact]
    public void ALessSureTriggerIsNotKept()
    {
        // Deleted in 7 of 10 occurrences after the trigger: below the trigger's minimum share (0.75).
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("it came to pass, when he came, that he sat.", 10), .. Enumerable.Repeat("he said, that he sat.", 30)],
            [.. Enumerable.Repeat("when he came, he sat.", 7), .. Enumerable.Repeat("when he came, that he sat.", 3), .. Enumerable.Repeat("he said, that he sat.", 30)]);
        Assert.DoesNotContain("\n@trigger", lookup.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void TriggersAreSavedAndLoadedBack()
    {
        using var file = new TempFile("smoothie-trigger");
        Lookup.Save(file.Path);
        WordLookupBaseline loaded = WordLookupBaseline.Load(file.Path);
        Assert.Equal(Lookup.ToText(), loaded.ToText());
        Assert.Equal("When he ate, he sat.", loaded.Rewrite("it came to pass, when he ate, that he sat.", 0.7, inContext: true));
    }

    [Theory]
    [InlineData("@trigger\tCame\tthat\t12\t12\t")]
    [InlineData("@trigger\tcame\tthat\t12\t13\t")]
    [InlineData("@trigger\tcame\tthat\t12")]
    public void AMalformedTriggerLineIsRejectedWithItsLineNumber(string line)
    {
        LookupFileAssert.RejectsThirdLine(Lookup, "that\t54\t54\t42", line);
    }
}
