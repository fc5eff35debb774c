using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

/// <summary>The guard's repairs of capitals the model put where the source has none.</summary>
public sealed class LookupGuardCaseTests
{
    /// <summary>"setteth" → "sets" and "saith" → "says" in all their 10 occurrences; "thus" and "the" are kept.</summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("he setteth it on fire.", 10), .. Enumerable.Repeat("thus saith the man.", 10)],
        [.. Enumerable.Repeat("he sets it on fire.", 10), .. Enumerable.Repeat("thus says the man.", 10)]);

    private static readonly HashSet<string> TargetWords = ["he", "sets", "seth", "it", "on", "fire", "thus", "says", "the", "man"];

    private static LookupGuard Guard() => new(Lookup, TargetWords, new LookupGuardOptions { KeepShare = 0.7 });

    [Fact]
    public void ANameForACommonWordBecomesTheLookupsWord()
    {
        Assert.Equal("He sets it on fire.", Guard().Apply("He Seth it on fire.", "he setteth it on fire."));
    }

    [Fact]
    public void ANameAtASentenceStartOrForTheSourcesOwnWordStays()
    {
        // At a sentence start a capital says nothing.
        const string start = "Seth it on fire.";
        Assert.Same(start, Guard().Apply(start, "setteth it on fire."));
        // A capitalised source word (a name) may stand capitalised.
        const string name = "He Sets it on fire.";
        Assert.Same(name, Guard().Apply(name, "he Sets it on fire."));
    }

    [Fact]
    public void AWordCapitalisedOnlyAsTheModelsSentenceStartIsLowerCasedInsideTheRepairedSentence()
    {
        // The model dropped "thus says" and began its sentence with "The"; the guard restores them before it.
        Assert.Equal("Thus says the man.", Guard().Apply("The man.", "thus saith the man."));
        Assert.Equal("Thus says. The man.", Guard().Apply("Thus says. The man.", "thus saith. the man."));
    }
}
