using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

public class WordEditsTests
{
    [Fact]
    public void TokenizeWordsAndPunctuationKeepsCaseAndSplitsPunctuation()
    {
        Assert.Equal(["Isaac's", "well", ",", "don't", "!"], WordEdits.Tokenize("Isaac's well, don’t!"));
        // An apostrophe not between two letters is punctuation; a hyphen splits words.
        Assert.Equal(["'", "Tis", "burnt", "-", "offering", "'"], WordEdits.Tokenize("'Tis burnt-offering'"));
        Assert.Empty(WordEdits.Tokenize("  \t "));
    }

    [Fact]
    public void ExtractInsertedWordIsAnEmptySpanWithReplacement()
    {
        Assert.Equal([new WordEdit(1, 1, ["lived"])], WordEdits.Extract("Isaac in Gerar", "Isaac lived in Gerar"));
    }

    [Fact]
    public void ExtractDeletedWordHasEmptyReplacement()
    {
        IReadOnlyList<WordEdit> edits = WordEdits.Extract("And Isaac dwelt", "Isaac dwelt");
        Assert.Equal([new WordEdit(0, 1, [])], edits);
        Assert.Equal("[0,1)→∅", edits[0].ToString());
    }

    [Fact]
    public void ExtractSubstitutedWordIsOneEdit()
    {
        Assert.Equal([new WordEdit(1, 2, ["lived"])], WordEdits.Extract("Isaac dwelt in Gerar", "Isaac lived in Gerar"));
    }

    [Fact]
    public void ExtractAdjacentChangesMergeIntoOneSpan()
    {
        // "spake unto" -> "said to": delete, delete, insert, insert in a row make one edit [1,3) -> "said to".
        IReadOnlyList<WordEdit> edits = WordEdits.Extract("he spake unto them", "he said to them");
        Assert.Equal([new WordEdit(1, 3, ["said", "to"])], edits);
        Assert.Equal("[1,3)→said to", edits[0].ToString());

        // Two separate changes stay two edits.
        Assert.Equal(
            [new WordEdit(0, 1, []), new WordEdit(2, 3, ["lived"])],
            WordEdits.Extract("And Isaac dwelt in Gerar", "Isaac lived in Gerar"));
    }

    [Fact]
    public void ExtractCaseAndPunctuationChangesAreEdits()
    {
        Assert.Equal(
            [new WordEdit(0, 1, ["And"]), new WordEdit(3, 3, ["."])],
            WordEdits.Extract("and he went", "And he went."));
    }

    [Fact]
    public void ExtractEqualOrEmptyTextsGiveNoneOrOneEdit()
    {
        Assert.Empty(WordEdits.Extract("In the beginning.", "In the beginning."));
        Assert.Equal([new WordEdit(0, 3, [])], WordEdits.Extract("In the beginning", string.Empty));
        Assert.Equal([new WordEdit(0, 0, ["In", "the", "beginning"])], WordEdits.Extract(string.Empty, "In the beginning"));
        Assert.Empty(WordEdits.Extract(string.Empty, string.Empty));
    }

    [Fact]
    public void ExtractAmbiguousAlignmentMatchesTheEarliestToken()
    {
        // "the cat the dog" -> "the dog": the first "the" is matched, so "cat the" is the deleted span.
        Assert.Equal([new WordEdit(1, 3, [])], WordEdits.Extract("the cat the dog", "the dog"));
    }

    [Fact]
    public void WordEditEqualSpanAndTokensAreEqualAndOrdinal()
    {
        Assert.Equal(new WordEdit(2, 3, ["lived"]), new WordEdit(2, 3, new List<string> { "lived" }));
        Assert.Equal(new WordEdit(2, 3, ["lived"]).GetHashCode(), new WordEdit(2, 3, ["lived"]).GetHashCode());
        Assert.NotEqual(new WordEdit(2, 3, ["lived"]), new WordEdit(2, 3, ["Lived"]));
        Assert.NotEqual(new WordEdit(2, 3, ["lived"]), new WordEdit(2, 4, ["lived"]));
        Assert.Throws<ArgumentException>(() => new WordEdit(3, 2, ["x"]));
        Assert.Equal("replacement", Assert.Throws<ArgumentException>(() => new WordEdit(1, 1, [])).ParamName);
    }

    [Fact]
    public void EditScoreOfOverlappingEditListsCountsTruePositivesOnce()
    {
        WordEdit a = new(0, 1, []), b = new(2, 3, ["lived"]), c = new(4, 4, ["."]);
        Assert.Equal(new EditScore(1, 1, 1), EditScore.Of([a, b], [b, c]));
        Assert.Equal(new EditScore(1, 0, 0), EditScore.Of([b, b], [b]));
    }

    [Fact]
    public void EditScoreHandCountsGivePrecisionRecallAndF05()
    {
        // P = 2/3, R = 2/5, F0.5 = 1.25 · (2/3)(2/5) / (0.25 · 2/3 + 2/5) = (1/3) / (17/30) = 10/17.
        var score = new EditScore(2, 1, 3);
        Assert.Equal(2.0 / 3, score.Precision, 12);
        Assert.Equal(2.0 / 5, score.Recall, 12);
        Assert.Equal(10.0 / 17, score.F05, 12);
        // F1 = 2PR/(P+R) = (8/15) / (16/15) = 1/2.
        Assert.Equal(0.5, score.FScore(1), 12);
        Assert.Equal("beta", Assert.Throws<ArgumentException>(() => score.FScore(0)).ParamName);
    }

    [Fact]
    public void EditScoreNoEditsOnASideDefinesThatSideAsOne()
    {
        // Copy of the source where the reference made no edit: nothing proposed, nothing missed.
        Assert.Equal(1.0, new EditScore(0, 0, 0).F05);
        // Copy where the reference edits: P = 1 (no output edit), R = 0 -> F0.5 = 0.
        var copy = new EditScore(0, 0, 4);
        Assert.Equal(1.0, copy.Precision);
        Assert.Equal(0.0, copy.Recall);
        Assert.Equal(0.0, copy.F05);
        // Output edits where the reference makes none: P = 0, R = 1 -> F0.5 = 0.
        Assert.Equal(0.0, new EditScore(0, 3, 0).F05);
        Assert.Equal(new EditScore(3, 4, 5), new EditScore(1, 1, 1) + new EditScore(2, 3, 4));
    }
}
