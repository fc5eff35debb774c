using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

/// <summary>The lookup's predictions for a word next to the word before or after it, and the rewrite that uses them.</summary>
public sealed class ContextLookupRewriteTests
{
    /// <summary>"shall" → "will" after "we" (12 times) and kept after "they" (12 times): alone it is a coin toss.</summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("we shall go", 12), .. Enumerable.Repeat("they shall go", 12)],
        [.. Enumerable.Repeat("we will go", 12), .. Enumerable.Repeat("they shall go", 12)]);

    [Fact]
    public void AWordSureOnlyInContextIsRewrittenInThatContext()
    {
        Assert.True(Lookup.TryGetCounts("shall", out WordLookupCounts shall));
        Assert.Equal(0.5, shall.PredictedShare!.Value, 6);
        Assert.Equal("We shall go", Lookup.Rewrite("we shall go", 0.6));
        Assert.Equal("We will go", Lookup.Rewrite("we shall go", 0.6, inContext: true));
        Assert.Equal("They shall go", Lookup.Rewrite("they shall go", 0.6, inContext: true));
        Assert.Equal("He shall go", Lookup.Rewrite("he shall go", 0.6, inContext: true));
    }

    [Fact]
    public void AContextBelowTheShareCopiesTheWord()
    {
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("we shall go", 12), .. Enumerable.Repeat("they shall go", 12)],
            [.. Enumerable.Repeat("we will go", 9), .. Enumerable.Repeat("we shall go", 3), .. Enumerable.Repeat("they shall go", 12)]);
        Assert.Equal("We will go", lookup.Rewrite("we shall go", 0.7, inContext: true));
        Assert.Equal("We shall go", lookup.Rewrite("we shall go", 0.8, inContext: true));
    }

    [Fact]
    public void AContextSeenFewerThanTenTimesIsNotUsed()
    {
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("we shall go", 9), .. Enumerable.Repeat("they shall go", 9)],
            [.. Enumerable.Repeat("we will go", 9), .. Enumerable.Repeat("they shall go", 9)]);
        Assert.True(lookup.HasContexts); // learned with its contexts, none of which was seen often enough
        Assert.Equal(0, lookup.ContextCount);
        Assert.Equal("We shall go", lookup.Rewrite("we shall go", 0.6, inContext: true));
        using var file = new TempFile("smoothie-lookup");
        string path = file.Path;
        lookup.Save(path);
        Assert.StartsWith("# Smoothie word lookup baseline v7:", File.ReadLines(path).First());
        Assert.True(WordLookupBaseline.Load(path).HasContexts);
    }

    [Fact]
    public void ContextsSurviveSaveAndLoadInAVersionSevenFile()
    {
        using var file = new TempFile("smoothie-lookup");
        string path = file.Path;
        Assert.True(Lookup.HasContexts);
        Lookup.Save(path);
        string[] lines = File.ReadAllLines(path);
        Assert.StartsWith("# Smoothie word lookup baseline v7:", lines[0]);
        Assert.Contains("@before\twe\tshall\t12\t12\t will", lines);
        WordLookupBaseline loaded = WordLookupBaseline.Load(path);
        Assert.True(loaded.HasContexts);
        Assert.Equal("We will go", loaded.Rewrite("we shall go", 0.6, inContext: true));
        Assert.Equal(Lookup.ToText(), loaded.ToText());
    }

    [Theory]
    [InlineData("@before\twe\tshall\t12\t13\t will")]
    [InlineData("@after\tshall\t12\t12\t will")]
    [InlineData("@before\twe\tshall\ttwelve\t12")]
    public void ABadContextLineIsRejectedWithItsLineNumber(string line)
    {
        InvalidDataException error = LookupFileAssert.RejectsThirdLine(Lookup, "shall\t24\t24\t12", line);
        Assert.Contains("@before or @after", error.Message);
    }

    [Fact]
    public void TheGuardInContextRestoresAWordAsItsContextRewritesIt()
    {
        var inContext = new LookupGuard(Lookup, null, new LookupGuardOptions { InContext = true });
        var alone = new LookupGuard(Lookup, null, LookupGuardOptions.Default);
        Assert.Equal("We will go", inContext.Apply("We go", "we shall go"));
        Assert.Equal("We shall go", alone.Apply("We go", "we shall go"));
        Assert.Equal("They shall go", inContext.Apply("They go", "they shall go"));
    }

    [Fact]
    public void TheGuardInContextDoesNotRestoreAWordItsContextDeletes()
    {
        // "the" before "lord" is deleted 18 times of 18 ("the LORD" → "Yahweh"), kept everywhere else.
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("the lord spoke", 12), .. Enumerable.Repeat("then the lord spoke", 6), .. Enumerable.Repeat("the man spoke", 30)],
            [.. Enumerable.Repeat("Yahweh spoke", 12), .. Enumerable.Repeat("then Yahweh spoke", 6), .. Enumerable.Repeat("the man spoke", 30)]);
        Assert.Equal("Yahweh spoke", lookup.Rewrite("the lord spoke", 0.5, inContext: true));
        Assert.Equal("Yahweh spoke", new LookupGuard(lookup, null, new LookupGuardOptions { InContext = true }).Apply("Yahweh spoke", "the lord spoke"));
        Assert.Equal("The Yahweh spoke", new LookupGuard(lookup, null, LookupGuardOptions.Default).Apply("Yahweh spoke", "the lord spoke"));
    }

    [Fact]
    public void ACapitalisedWordWithNoLineOfItsOwnReadsTheLowerCaseWordsContexts()
    {
        // "the" before "LORD" is deleted 12 times of 12; "The" is never seen before "LORD", only before "Lord" (kept), six
        // times after "so" and six times first (too seldom for either context of "The" before it to be learned).
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("and the LORD spoke", 12), .. Enumerable.Repeat("and the man spoke", 30), .. Enumerable.Repeat("The Lord spoke", 6), .. Enumerable.Repeat("so The Lord spoke", 6)],
            [.. Enumerable.Repeat("and Yahweh spoke", 12), .. Enumerable.Repeat("and the man spoke", 30), .. Enumerable.Repeat("The Lord spoke", 6), .. Enumerable.Repeat("so The Lord spoke", 6)]);
        Assert.False(lookup.TryGetReplacement("The", out _));
        Assert.Equal("Yahweh spoke", lookup.Rewrite("The LORD spoke", 0.7, inContext: true));
        Assert.Equal("He said, Yahweh spoke", lookup.Rewrite("He said, The LORD spoke", 0.7, inContext: true));
        Assert.Equal("The Lord spoke", lookup.Rewrite("The Lord spoke", 0.7, inContext: true));
        Assert.Equal("The man spoke", lookup.Rewrite("The man spoke", 0.7, inContext: true));
    }

    [Fact]
    public void TheGuardInContextEndsTheOutputAsTheLookupRewritesTheSourcesFinalMark()
    {
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("we go:", 12), .. Enumerable.Repeat("we stay;", 12)],
            [.. Enumerable.Repeat("we go.", 12), .. Enumerable.Repeat("we stay,", 12)]);
        var inContext = new LookupGuard(lookup, null, new LookupGuardOptions { InContext = true });
        Assert.Equal("We go.", inContext.Apply("We go,", "we go:"));
        Assert.Equal("We stay,", inContext.Apply("We stay;", "we stay;"));
        Assert.Equal("We go,", new LookupGuard(lookup, null, LookupGuardOptions.Default).Apply("We go,", "we go:"));
        Assert.Equal("We go", inContext.Apply("We go", "we go:"));
    }
}
