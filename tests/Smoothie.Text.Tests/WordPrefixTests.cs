using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

/// <summary>
/// The words the targets insert before a word's rewrite, which the alignment gives to the word before it
/// (<see cref="WordPrefixCounter"/>): "over Jordan" → "over the Jordan", "X begat Y" → "X became the father of Y".
/// </summary>
public sealed class WordPrefixTests
{
    /// <summary>
    /// "the" inserted before "Jordan" 12 times of 12 (the alignment pairs "over" with "over the"); "over" is "over" 36 times
    /// of 48, so the insertion is not its own.
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("they passed over Jordan.", 12), .. Enumerable.Repeat("they went over it.", 36), .. Enumerable.Repeat("they saw the river.", 12)],
        [.. Enumerable.Repeat("they passed over the Jordan.", 12), .. Enumerable.Repeat("they went over it.", 36), .. Enumerable.Repeat("they saw the river.", 12)]);

    [Fact]
    public void ThePrefixIsLearnedAndWrittenBeforeTheWordInContext()
    {
        Assert.Contains("@prefix\tjordan\t12\t12\tthe\n", Lookup.ToText(), StringComparison.Ordinal);
        Assert.Equal("We came over the Jordan.", Lookup.Rewrite("we came over Jordan.", 0.7, inContext: true));
        Assert.Equal("We came over Jordan.", Lookup.Rewrite("we came over Jordan.", 0.7)); // out of context: none
    }

    [Fact]
    public void ThePrefixIsNotWrittenTwiceNorAtASentenceStart()
    {
        Assert.Equal("We saw the Jordan.", Lookup.Rewrite("we saw the Jordan.", 0.7, inContext: true));
        Assert.Equal("Jordan overflows.", Lookup.Rewrite("Jordan overflows.", 0.7, inContext: true));
        Assert.Equal("We came. Jordan overflows.", Lookup.Rewrite("we came. Jordan overflows.", 0.7, inContext: true));
    }

    [Fact]
    public void APrefixBeforeHalfTheOccurrencesOrFewerIsNotKept()
    {
        WordLookupBaseline half = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("they passed over Jordan.", 24), .. Enumerable.Repeat("they went over it.", 36)],
            [.. Enumerable.Repeat("they passed over the Jordan.", 12), .. Enumerable.Repeat("they passed over Jordan.", 12), .. Enumerable.Repeat("they went over it.", 36)]);
        Assert.DoesNotContain("\n@prefix", half.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void AWordTheLookupDeletesGivesNoPrefix()
    {
        // "not" is deleted by its own prediction ("I did not go" → "I didn’t go"), kept before "give": no prefix for "give".
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("Do not give.", 12), .. Enumerable.Repeat("I know not.", 12), .. Enumerable.Repeat("I did not go.", 12)],
            [.. Enumerable.Repeat("Do not give.", 12), .. Enumerable.Repeat("I don’t know.", 12), .. Enumerable.Repeat("I didn’t go.", 12)]);
        Assert.DoesNotContain("@prefix\tgive", lookup.ToText(), StringComparison.Ordinal);
        Assert.Equal("Do not give.", lookup.Rewrite("Do not give.", 0.7, inContext: true));
    }

    [Fact]
    public void APrefixSavedInAVersionSevenFileIsWrittenBeforeTheRewrite()
    {
        using var file = new TempFile("smoothie-prefix");
        File.WriteAllText(file.Path, Begat);
        WordLookupBaseline loaded = WordLookupBaseline.Load(file.Path);
        Assert.Equal("Joktan became the father of Almodad.", loaded.Rewrite("Joktan begat Almodad.", 0.7, inContext: true));
        Assert.Equal("Isaac became the father of Jacob.", loaded.Rewrite("Isaac became the begat Jacob.", 0.7, inContext: true));
        Assert.Equal(Begat, loaded.ToText());
        Lookup.Save(file.Path);
        Assert.Equal(Lookup.ToText(), WordLookupBaseline.Load(file.Path).ToText());
    }

    [Theory]
    [InlineData("@prefix\tBegat\t201\t159\tbecame the")]
    [InlineData("@prefix\tbegat\t201\t202\tbecame the")]
    [InlineData("@prefix\tbegat\t201\t159\tbecame, the")]
    [InlineData("@prefix\tbegat\t201\t159")]
    public void AMalformedPrefixLineIsRejectedWithItsLineNumber(string line)
    {
        LookupFileAssert.RejectsThirdLine(Lookup, "begat\t201\t198\t164\t father of", line);
    }

    [Fact]
    public void TheGuardAlignsThePrefixAndTheRestOfThePredictionWithNoSourceWord()
    {
        using var file = new TempFile("smoothie-prefix");
        File.WriteAllText(file.Path, Begat);
        var guard = new LookupGuard(WordLookupBaseline.Load(file.Path), null, new LookupGuardOptions { InContext = true, KeepShare = 0.7 });
        // The model lost "Bela": it comes back after "father of", not in place of "of".
        Assert.Equal("Benjamin became the father of Bela his firstborn.", guard.Apply("Benjamin became the father of his firstborn.", "Benjamin begat Bela his firstborn."));
        const string kept = "Joktan became the father of Almodad.";
        Assert.Same(kept, guard.Apply(kept, "Joktan begat Almodad."));
    }

    /// <summary>A version 7 file: KJV's "begat" → "father of" (164 of 201), after "became the" (159 of 201).</summary>
    private static string Begat =>
        Lookup.ToText().Split('\n')[0] + "\nbegat\t201\t198\t164\t father of\n@prefix\tbegat\t201\t159\tbecame the\n";
}
