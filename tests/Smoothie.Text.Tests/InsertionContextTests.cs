using Smoothie.Text.Baselines;

namespace Smoothie.Text.Tests;

/// <summary>
/// A word followed by two given words may take more words after its own rewrite ("the LORD God of Israel" → "Yahweh, the
/// God of Israel"), learned from the training pairs; the one-sided contexts alone cannot say this, since "the LORD" says
/// "Yahweh" more surely than "LORD God" says "Yahweh, the".
/// </summary>
public sealed class InsertionContextTests
{
    /// <summary>
    /// "LORD" before "God of" takes "Yahweh, the" 12 of 12 times; before "God said" it is "Yahweh" (8 times); elsewhere
    /// "Yahweh" (30 times), and "the" before "LORD" is deleted every time.
    /// </summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("Swear by the LORD God of Israel.", 12), .. Enumerable.Repeat("And the LORD God said so.", 8), .. Enumerable.Repeat("Fear the LORD.", 30)],
        [.. Enumerable.Repeat("Swear by Yahweh, the God of Israel.", 12), .. Enumerable.Repeat("Yahweh God said so.", 8), .. Enumerable.Repeat("Fear Yahweh.", 30)]);

    [Fact]
    public void AWordBeforeTwoGivenWordsTakesTheLearnedInsertion()
    {
        Assert.Equal("Swear by Yahweh, the God of Israel.", Lookup.Rewrite("Swear by the LORD God of Israel.", 0.7, inContext: true));
    }

    [Fact]
    public void TheInsertionIsTiedToBothWordsAfter()
    {
        Assert.Equal("Yahweh God said so.", Lookup.Rewrite("And the LORD God said so.", 0.7, inContext: true));
    }

    [Fact]
    public void OutOfContextTheWordKeepsItsOwnPrediction()
    {
        Assert.Equal("Swear by Yahweh God of Israel.", Lookup.Rewrite("Swear by the LORD God of Israel.", 0, inContext: false));
    }

    [Fact]
    public void AnInsertionBelowTheShareIsNotTaken()
    {
        // "LORD God of": "Yahweh, the" 12 of 16 (0.75, below a share of 0.8); "LORD God": 12 of 24.
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("Swear by the LORD God of Israel.", 16), .. Enumerable.Repeat("And the LORD God said so.", 8), .. Enumerable.Repeat("Fear the LORD.", 60)],
            [.. Enumerable.Repeat("Swear by Yahweh, the God of Israel.", 12), .. Enumerable.Repeat("Swear by Yahweh God of Israel.", 4), .. Enumerable.Repeat("Yahweh God said so.", 8), .. Enumerable.Repeat("Fear Yahweh.", 60)]);
        Assert.Equal("Swear by Yahweh, the God of Israel.", lookup.Rewrite("Swear by the LORD God of Israel.", 0.7, inContext: true));
        Assert.Equal("Swear by Yahweh God of Israel.", lookup.Rewrite("Swear by the LORD God of Israel.", 0.8, inContext: true));
    }

    [Theory]
    [InlineData("“", false)]
    [InlineData("then", true)]
    public void OnlyAnInsertionHoldingAWordIsLearned(string inserted, bool learned)
    {
        // ", go home" takes the inserted token 12 of 12 times, ", go away" never: punctuation alone (the targets' quotation
        // marks, which would stay unbalanced) is not inserted.
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("He said, go home.", 12), .. Enumerable.Repeat("He said, go away.", 12)],
            [.. Enumerable.Repeat($"He said, {inserted} go home.", 12), .. Enumerable.Repeat("He said, go away.", 12)]);
        Assert.Equal(learned, lookup.ToText().Contains("@ahead\t,\tgo\thome\t12\t12\t, " + inserted + "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void AnInsertionThatMovesAFollowingWordIsNotLearned()
    {
        // "I know not" → "I don’t know": "don’t" is inserted after "I" while "not" is deleted; taken alone the insertion
        // writes "I don’t know not".
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            [.. Enumerable.Repeat("I know not the day.", 12), .. Enumerable.Repeat("I know the day.", 12), .. Enumerable.Repeat("They will not go.", 30), .. Enumerable.Repeat("They know it.", 30)],
            [.. Enumerable.Repeat("I don’t know the day.", 12), .. Enumerable.Repeat("I know the day.", 12), .. Enumerable.Repeat("They will not go.", 30), .. Enumerable.Repeat("They know it.", 30)]);
        Assert.DoesNotContain("\n@ahead", lookup.ToText(), StringComparison.Ordinal);
        Assert.Equal("I know not the day.", lookup.Rewrite("I know not the day.", 0.7, inContext: true));
    }

    [Fact]
    public void InsertionsSurviveSaveAndLoadInAVersionSevenFile()
    {
        using var file = new TempFile("smoothie-insertion");
        string path = file.Path;
        Lookup.Save(path);
        string[] lines = File.ReadAllLines(path);
        Assert.StartsWith("# Smoothie word lookup baseline v7:", lines[0]);
        Assert.Contains("@ahead\tLORD\tgod\tof\t12\t12\t Yahweh, the", lines);
        WordLookupBaseline loaded = WordLookupBaseline.Load(path);
        Assert.Equal("Swear by Yahweh, the God of Israel.", loaded.Rewrite("Swear by the LORD God of Israel.", 0.7, inContext: true));
        Assert.Equal(Lookup.ToText(), loaded.ToText());
    }

    [Fact]
    public void AVersionFourFileLoadsWithoutInsertionsAndIsWrittenBackAsVersionFour()
    {
        using var file = new TempFile("smoothie-insertion");
        string path = file.Path;
        string[] lines = Lookup.ToText().Split('\n').Where(l => !l.StartsWith("@ahead", StringComparison.Ordinal)).ToArray();
        lines[0] = "# Smoothie word lookup baseline v4: version 3 lines, then context lines @before|@after<TAB>first token<TAB>second token<TAB>occurrences<TAB>occurrences aligned to the prediction[<TAB>replacement]";
        string v4 = string.Join('\n', lines);
        File.WriteAllText(path, v4);
        WordLookupBaseline loaded = WordLookupBaseline.Load(path);
        Assert.True(loaded.HasContexts);
        Assert.Equal("Swear by Yahweh God of Israel.", loaded.Rewrite("Swear by the LORD God of Israel.", 0.7, inContext: true));
        Assert.Equal(v4, loaded.ToText());
    }

    [Theory]
    [InlineData("@ahead\tLORD\tgod\t12\t12\t Yahweh, the")]
    [InlineData("@ahead\tLORD\tgod\tof\t12\t13\t Yahweh, the")]
    [InlineData("@ahead\tLORD\tgod\tof\t12\t12")]
    public void ABadInsertionLineIsRejectedWithItsLineNumber(string line)
    {
        InvalidDataException error = LookupFileAssert.RejectsThirdLine(Lookup, "lord\t50\t50\t50\t Yahweh", line);
        Assert.Contains("@ahead", error.Message);
    }
}
