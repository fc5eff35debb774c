using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;

namespace Smoothie.Text.Tests;

/// <summary>
/// The guard puts back a rare source word the draft keeps when the model writes an unrelated word in its place, and leaves
/// the model's form of the word (<see cref="WordForms"/>).
/// </summary>
public sealed class LookupGuardRareWordTests
{
    /// <summary>Every word here but "help", "with", "also", "him", "the", "he", "sat" and "for" is unseen in training.</summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("help him with the others also.", 10), .. Enumerable.Repeat("he sat for them.", 10)],
        [.. Enumerable.Repeat("help him with the others also.", 10), .. Enumerable.Repeat("he sat for them.", 10)]);

    private static readonly HashSet<string> TargetWords = ["help", "him", "with", "the", "others", "also", "he", "sat", "for", "them", "enoch", "swarm", "pushed", "stood", "paddan"];

    private static LookupGuard Guard() => new(Lookup, TargetWords, new LookupGuardOptions { KeepShare = 0.7 });

    [Fact]
    public void AnUnseenNameTheModelReplacesByAnotherNameComesBack()
    {
        Assert.Equal("Help him with Clement also.", Guard().Apply("Help him with Enoch also.", "help him with Clement also."));
    }

    [Fact]
    public void AnUnseenWordTheModelReplacesByAnotherWordComesBackInItsOwnCase()
    {
        Assert.Equal("He sat for a colony.", Guard().Apply("He sat for a swarm.", "he sat for a colony."));
        // The model's capitalised guess does not capitalise the word it displaces ("whose Demetrius is" → "whose prospect is").
        Assert.Equal("He sat for a colony.", Guard().Apply("He sat for a Enoch.", "he sat for a colony."));
    }

    [Fact]
    public void TheModelsFormOfAnUnseenWordStands()
    {
        // An unseen form (like KJV's "longedst", "bloweth"): the model's other form of the word is its rewrite, not a guess.
        Assert.Equal("He pushed for them.", Guard().Apply("He pushed for them.", "he pushing for them."));
        Assert.Equal("Help him with Paddan also.", Guard().Apply("Help him with Paddan also.", "help him with Padan also."));
    }

    [Fact]
    public void AWordSeenOftenIsNotAffected()
    {
        // "sat" is seen 10 times and kept: the model's other word is the guard's to judge as a target word ("sat" is one).
        Assert.Equal("He sat for them.", Guard().Apply("He stood for them.", "he sat for them."));
        var withoutSat = new LookupGuard(Lookup, TargetWords.Where(w => w != "sat").ToHashSet(), new LookupGuardOptions { KeepShare = 0.7 });
        Assert.Equal("He stood for them.", withoutSat.Apply("He stood for them.", "he sat for them."));
    }

    [Theory]
    [InlineData("longed", "longedst", true)]
    [InlineData("blow", "bloweth", true)]
    [InlineData("put", "puttest", true)]
    [InlineData("Paddan", "Padan", true)]
    [InlineData("Jechoniah", "Jechonias", true)]
    [InlineData("Enoch", "Clement", false)]
    [InlineData("swarm", "colony", false)]
    [InlineData("pushed", "pushing", true)]
    [InlineData("crippled", "impotent", false)]
    public void FormsOfOneWordShareTheirStartOrMostLetters(string first, string second, bool expected)
    {
        Assert.Equal(expected, WordForms.AreFormsOfOneWord(first, second));
        Assert.Equal(expected, WordForms.AreFormsOfOneWord(second, first));
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("padan", "paddan", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void TheEditDistanceCountsSingleCharacterEdits(string a, string b, int expected)
    {
        Assert.Equal(expected, WordForms.EditDistance(a, b));
        Assert.Equal(expected, WordForms.EditDistance(b, a));
    }
}
