using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

/// <summary>"a" and "an" agree with the word after them as the training targets write them (<see cref="ArticleUsage"/>).</summary>
public sealed class ArticleAgreementTests
{
    /// <summary>
    /// "firmament" → "expanse" (12 times, after "the"); the targets write "an expanse" twice and "a holy" twice; KJV's
    /// "an holy" is kept by the lookup (the article alone is a coin toss); words starting with "e" take "an" (50 times).
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [
            .. Enumerable.Repeat("the firmament was made.", 12), .. Enumerable.Repeat("an expanse was made.", 2),
            .. Enumerable.Repeat("an holy day.", 2), .. Enumerable.Repeat("an egg fell.", 50),
        ],
        [
            .. Enumerable.Repeat("the expanse was made.", 12), .. Enumerable.Repeat("an expanse was made.", 2),
            .. Enumerable.Repeat("a holy day.", 2), .. Enumerable.Repeat("an egg fell.", 50),
        ]);

    [Fact]
    public void TheDraftInContextMakesTheArticleAgreeWithTheRewrittenWord()
    {
        Assert.Equal("An expanse was made.", Lookup.Rewrite("a firmament was made.", 0.7, inContext: true));
        Assert.Equal("A expanse was made.", Lookup.Rewrite("a firmament was made.", 0.7)); // the word-for-word baseline is left alone
    }

    [Fact]
    public void AnArchaicArticleTakesTheTargetsArticle()
    {
        Assert.Equal("It was a holy day.", Lookup.Rewrite("it was an holy day.", 0.7, inContext: true));
    }

    [Fact]
    public void AWordTheTargetsSeldomWroteAfterAnArticleIsJudgedByItsFirstLetter()
    {
        // "ewe" never follows an article in the targets; "e" takes "an" in 52 of 52. "zebra" has no letter evidence.
        Assert.Equal("An ewe fell.", Lookup.Rewrite("a ewe fell.", 0.7, inContext: true));
        Assert.Equal("A zebra fell.", Lookup.Rewrite("a zebra fell.", 0.7, inContext: true));
    }

    [Fact]
    public void TheGuardMakesTheModelsArticleAgreeUnlessTurnedOff()
    {
        var guard = new LookupGuard(Lookup, null, LookupGuardOptions.Default);
        Assert.Equal("An expanse was made.", guard.Apply("A expanse was made.", "a firmament was made."));
        Assert.Equal("a expanse was made.", new LookupGuard(Lookup, null, LookupGuardOptions.Default with { AgreeArticles = false }).Apply("a expanse was made.", "a firmament was made."));
    }

    [Fact]
    public void ArticlesSurviveSaveAndLoadAndABadArticleLineIsRejected()
    {
        using var file = new TempFile("smoothie-articles");
        string path = file.Path;
        Lookup.Save(path);
        string[] lines = File.ReadAllLines(path);
        Assert.Contains("@article\texpanse\t0\t2", lines);
        Assert.Contains("@article\tholy\t2\t0", lines);
        Assert.Equal("An expanse was made.", WordLookupBaseline.Load(path).Rewrite("a firmament was made.", 0.7, inContext: true));
        Assert.Equal(Lookup.ToText(), WordLookupBaseline.Load(path).ToText());

        File.WriteAllText(path, lines[0] + "\n@article\tExpanse\t0\t2\n");
        var error = Assert.Throws<InvalidDataException>(() => WordLookupBaseline.Load(path));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("@article", error.Message);
    }
}
