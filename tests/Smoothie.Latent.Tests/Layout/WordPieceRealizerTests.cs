using Smoothie.Text.Realization;
using Smoothie.Text;

namespace Smoothie.Latent.Tests.Layout;

public class WordPieceRealizerTests
{
    private static readonly CasingTable Casing = CasingTable.Learn(["Then God said to Moses, “Yahweh is here.”", "and Yahweh spoke to Moses"]);

    [Fact]
    public void PiecesJoinIntoWordsAndPunctuationAttachesAsPrinted()
    {
        var realizer = new WordPieceRealizer(null);
        string text = realizer.Realize(["god", "said", ",", "“", "let", "there", "be", "light", ",", "”", "and", "there", "was", "light", "."], null);
        Assert.Equal("God said, “Let there be light,” and there was light.", text);
        Assert.Equal("Abram’s flocks—and tents", realizer.Realize(["ab", "##ram", "’", "s", "flock", "##s", "—", "and", "tents"], "Abram had flocks"));
    }

    [Fact]
    public void WordsTakeTheSourceSpellingThenTheUsualSpellingOfTheTargets()
    {
        var realizer = new WordPieceRealizer(Casing);
        // "the LORD" in capitals is not copied; "moses" is spelled as in the source; "yahweh" as the targets spell it.
        string text = realizer.Realize(["and", "yahweh", "said", "to", "moses", ":", "i", "am", "here", "."], "And the LORD said unto Moses, I am here.");
        Assert.Equal("And Yahweh said to Moses: I am here.", text);
        // Each occurrence is spelled as the same occurrence in the source: "said, Let … and let".
        Assert.Equal("God said, Let there be light, and let it shine.", realizer.Realize(["god", "said", ",", "let", "there", "be", "light", ",", "and", "let", "it", "shine", "."], "And God said, Let there be light: and let it shine."));
    }

    [Fact]
    public void WordsTheTargetsUseAreNotRepairedIntoSourceForms()
    {
        // Found in the shipped model's output: modern words turned back into the source's longer forms.
        var realizer = new WordPieceRealizer(null, removeRepeats: true, targetWords: new HashSet<string>(["you", "will", "sow", "the", "field", "cherubim", "were", "there", "take", "off", "your", "sandals"]));
        Assert.Equal("You will sow the field.", realizer.Realize(["you", "will", "so", "##w", "the", "field", "."], "Thou sowest the field."));
        Assert.Equal("The cherubim were there.", realizer.Realize(["the", "cher", "##ub", "##im", "were", "there", "."], "The cherubims were there."));
        Assert.Equal("Take off your sandals.", realizer.Realize(["take", "off", "your", "sandals", "."], "Put of thy shoes."));

        // Without the targets' words the same outputs are "repaired" — what the check above prevents.
        var bare = new WordPieceRealizer(null);
        Assert.Equal("Take of your sandals.", bare.Realize(["take", "off", "your", "sandals", "."], "Put of thy shoes."));
        Assert.Equal("The cherubims were there.", bare.Realize(["the", "cher", "##ub", "##im", "were", "there", "."], "The cherubims were there."));
    }

    [Fact]
    public void WordsBrokenWhileCopyingAreRestoredFromTheSource()
    {
        var realizer = new WordPieceRealizer(null);
        string source = "And Lot also, which went with Abram, had flocks; the sons of Japheth, and Abimelech.";
        string text = realizer.Realize(["lot", "went", "with", "ab", "##ram", "##ram", ",", "had", "flock", "##s", "##s", ";", "the", "sons", "of", "ja", "##ph", ",", "abi", "##mel", "##e", "."], source);
        Assert.Equal("Lot went with Abram, had flocks; the sons of Japheth, Abimelech.", text);
        // A one-piece word is a word of its own, not a broken copy ("go" is not "Gomer"); a new word stays as written.
        Assert.Equal("Go to Gomer’s tents", realizer.Realize(["go", "to", "gomer", "’", "s", "tents"], "In Gomer’s tent"));
    }

    [Fact]
    public void RepeatedWordsAreDroppedUnlessAskedToKeepThem()
    {
        string[] pieces = ["he", "he", "drank", "of", "of", "the", "wine", ",", ","];
        Assert.Equal("He drank of the wine,", new WordPieceRealizer(null).Realize(pieces, null));
        Assert.Equal("He he drank of of the wine,,", new WordPieceRealizer(null, removeRepeats: false).Realize(pieces, null));
        Assert.Equal("Behold, there came seven cows.", new WordPieceRealizer(null).Realize([",", "behold", ",", "there", "came", "seven", "cows", "."], "And, behold, there came up seven kine."));
    }

    [Fact]
    public void CasingTableKeepsOnlyWordsNotWrittenInLowerCaseAndRoundTripsThroughJson()
    {
        Assert.Equal("Yahweh", Casing.Lookup("yahweh"));
        Assert.Equal("Moses", Casing.Lookup("moses"));
        Assert.Null(Casing.Lookup("spoke"));
        Assert.Null(Casing.Lookup("then")); // only seen at a sentence start
        CasingTable copy = CasingTable.FromJson(Casing.ToJson());
        Assert.Equal(Casing.Forms.OrderBy(p => p.Key), copy.Forms.OrderBy(p => p.Key));
        Assert.Throws<InvalidDataException>(() => CasingTable.FromJson("[1, 2]"));
    }

    [Fact]
    public void TextWordsSplitLikeBertAndKeyByLowerCaseWithoutAccents()
    {
        Assert.Equal(["God", "’", "s", "—", "“", "Café", "!", "”"], TextWords.Split("God’s —“Café!”"));
        Assert.Equal("cafe", TextWords.Key("Café"));
    }
}
