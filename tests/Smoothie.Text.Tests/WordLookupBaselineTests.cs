using Smoothie.Text.Baselines;

namespace Smoothie.Text.Tests;

public sealed class WordLookupBaselineTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-lookup").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>"thou" → "you" 3 times and → "thou" once; "And" is always deleted; LORD → Yahweh; begat → a phrase.</summary>
    private static WordLookupBaseline Tiny() => WordLookupBaseline.Learn(
        [
            "And thou art here.",
            "For thou art good.",
            "Thou knowest it.",
            "Sit, thou art there.",
            "And the LORD said unto Moses, Go.",
            "And the LORD spake unto Aaron.",
            "And Isaac begat Jacob.",
            "The Lord is good.",
            "Then the man said unto him, Sit.",
            "I am the LORD.",
            "My Lord came.",
            "O Lord, hear.",
        ],
        [
            "You are here.",
            "For you are good.",
            "You know it.",
            "Sit, thou are there.",
            "Yahweh said to Moses, “Go.”",
            "Yahweh spoke to Aaron.",
            "Isaac became the father of Jacob.",
            "The Lord is good.",
            "Then the man said to him, Sit.",
            "I am Yahweh.",
            "My Lord came.",
            "O Lord, hear.",
        ]);

    [Fact]
    public void PredictsTheMostFrequentAlignedGroup()
    {
        WordLookupBaseline lookup = Tiny();
        Assert.True(lookup.TryGetReplacement("thou", out string? thou));
        Assert.Equal("you", thou);
        Assert.True(lookup.TryGetReplacement("And", out string? and));
        Assert.Equal(string.Empty, and);
        Assert.True(lookup.TryGetReplacement("begat", out string? begat));
        Assert.Equal("became the father of", begat);
        Assert.False(lookup.TryGetReplacement("Jacob", out string? jacob));
        Assert.Null(jacob);
    }

    [Fact]
    public void RewritesWordByWordCopyingUnseenWordsAndCapitalisingTheSentenceStart()
    {
        WordLookupBaseline lookup = Tiny();
        Assert.Equal("You are here.", lookup.Rewrite("And thou art here."));
        Assert.Equal("Esau became the father of Jacob; you go.", lookup.Rewrite("And Esau begat Jacob; and thou go."));
        Assert.Equal("Zebulun wept.", lookup.Rewrite("Zebulun wept."));
        Assert.Equal(string.Empty, lookup.Rewrite("And"));
        Assert.Equal("Yahweh said to Aaron, go.", lookup.Rewrite("The LORD said unto Aaron, go."));
    }

    [Fact]
    public void AWordInCapitalsIsLearnedApartFromTheOrdinaryWord()
    {
        WordLookupBaseline lookup = Tiny();
        Assert.True(lookup.TryGetReplacement("LORD", out string? lord));
        Assert.Equal("Yahweh", lord);
        Assert.False(lookup.TryGetReplacement("Lord", out _));
        Assert.Equal("My Lord wept.", lookup.Rewrite("My Lord wept."));
    }

    [Fact]
    public void LearnedPunctuationIsJoinedWithoutSpaceInsideQuotationMarks()
    {
        WordLookupBaseline lookup = WordLookupBaseline.Learn(["He said, Go.", "She said, Come."], ["He said, “Go.”", "She said, “Come.”"]);
        Assert.True(lookup.TryGetReplacement(",", out string? comma));
        Assert.Equal(", “", comma);
        Assert.Equal("He said, “Run.”", lookup.Rewrite("He said, Run."));
        // The learned ".”" closes no quotation here: the closing mark is dropped (QuotationMarksTests).
        Assert.Equal("Jesus wept (and sat).", lookup.Rewrite("Jesus wept ( and sat ) ."));
    }

    [Fact]
    public void ASentenceInitialAndIsDeletedWhereTheLowerCaseAndIsKept()
    {
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            ["And he went.", "And she came.", "And it was so.", "He sat and ate.", "She ran and hid.", "It was cold and dark.", "We sang and danced."],
            ["He went.", "She came.", "It was so.", "He sat and ate.", "She ran and hid.", "It was cold and dark.", "We sang and danced."]);
        Assert.Equal("We went and sat.", lookup.Rewrite("And we went and sat."));
    }

    [Fact]
    public void TiesGoToTheWordItself()
    {
        WordLookupBaseline lookup = WordLookupBaseline.Learn(["a cat sat", "a cat ran"], ["a cat sat", "a dog ran"]);
        Assert.False(lookup.TryGetReplacement("cat", out _));
        lookup = WordLookupBaseline.Learn(["a cat", "a cat"], ["a dog", "a bat"]);
        Assert.True(lookup.TryGetReplacement("cat", out string? cat));
        Assert.Equal("bat", cat);
    }

    [Fact]
    public void SaveAndLoadKeepTheTable()
    {
        WordLookupBaseline lookup = Tiny();
        string path = Path.Combine(root, "lookup.txt");
        lookup.Save(path);
        WordLookupBaseline loaded = WordLookupBaseline.Load(path);
        Assert.Equal(lookup.Count, loaded.Count);
        foreach (string source in new[] { "And thou art here.", "The LORD said unto Aaron, go.", "And Esau begat Jacob; and thou go." })
        {
            Assert.Equal(lookup.Rewrite(source), loaded.Rewrite(source));
        }
    }

    [Fact]
    public void LoadRejectsAFileThatIsNotATable()
    {
        string path = Path.Combine(root, "other.txt");
        File.WriteAllText(path, "hello\tworld\n");
        var error = Assert.Throws<InvalidDataException>(() => WordLookupBaseline.Load(path));
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void LearnRejectsMismatchedCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => WordLookupBaseline.Learn(["a", "b"], ["a"]));
        Assert.Contains("2 sources but 1 targets", error.Message);
    }
}
