using System.Text;
using Smoothie.Text.Fit;
using Smoothie.Text.Layout;

namespace Smoothie.Text.Tests;

public sealed class DataFitTests
{
    /// <summary>A tiny uncased English WordPiece vocabulary: Spanish words fall apart into letters (and lose their accents).</summary>
    private static readonly WordPieceTextCodec English = WordPieceTextCodec.FromStream(
        new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n',
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ",", ".", "and", "god", "said", "let", "there", "be", "light", "the", "man", "came",
            "thou", "art", "you", "are", "a", "c", "e", "l", "n", "##a", "##s", "##t", "##i", "##n", "##o", "##e", "##l"))),
        lowerCase: true);

    private static readonly string[] EnglishVerses = ["And god said, let there be light.", "The man came.", "Thou art the man.", "Let there be light."];

    [Fact]
    public void ACopyTaskHasEveryTargetTokenAligned()
    {
        DataFitReport report = DataFit.Measure(English, EnglishVerses, EnglishVerses);

        Assert.Equal(1.0, report.AlignedShare);
        Assert.True(report.SuitsAlignedLayout);
        Assert.Equal(report.TargetTokens, report.MatchedTargetTokens);
    }

    [Fact]
    public void ANearCopyAlignsMostTokensAndUnrelatedPairsAlmostNone()
    {
        DataFitReport near = DataFit.Measure(English, ["Thou art the man."], ["You are the man."]);
        DataFitReport unrelated = DataFit.Measure(English, ["And god said let there be light"], ["The man came"]);

        // you(≠thou) are(≠art) the man . → 3 of 5 target tokens are copies.
        Assert.Equal(0.6, near.AlignedShare, 6);
        Assert.True(near.SuitsAlignedLayout);
        Assert.Equal(0.0, unrelated.AlignedShare);
        Assert.False(unrelated.SuitsAlignedLayout);
    }

    [Fact]
    public void ALanguageTheVocabularyCutsUpHasManyPiecesPerWordAndLosesItsAccents()
    {
        DataFitReport english = DataFit.Measure(English, EnglishVerses, EnglishVerses);
        DataFitReport spanish = DataFit.Measure(English, ["The man came."], ["El niño está."]);

        Assert.Equal(1.0, english.PiecesPerTargetWord);
        Assert.Equal(0.0, english.AlteredWordShare);
        Assert.True(english.VocabularyFits);
        Assert.Empty(english.VocabularyProblems());

        // el → e ##l, niño → n ##i ##n ##o, está → e ##s ##t ##a, . → . : 11 pieces for 4 words.
        Assert.Equal(11.0 / 4, spanish.PiecesPerTargetWord, 6);
        Assert.Equal(2.0 / 4, spanish.AlteredWordShare, 6);
        Assert.Equal(0.0, spanish.UnknownTargetShare);
        Assert.False(spanish.VocabularyFits);
        Assert.Equal(2, spanish.VocabularyProblems().Count);
    }

    [Fact]
    public void TokensOutsideTheVocabularyCountAsUnknownAndAltered()
    {
        DataFitReport report = DataFit.Measure(English, ["The man came."], ["The man came 東."]);

        Assert.Equal(1, report.UnknownTargetTokens);
        Assert.Equal(1, report.AlteredTargetWords);
        Assert.Contains(report.VocabularyProblems(), p => p.Contains("[UNK]", StringComparison.Ordinal));
    }

    [Fact]
    public void TheByteLevelVocabularyWritesBackEveryWordOfAnyLanguage()
    {
        DataFitReport report = DataFit.Measure(Gpt2TextCodec.Create(), ["The man came."], ["El niño está aquí, ¿verdad? 東京"]);

        Assert.Equal(0, report.UnknownTargetTokens);
        Assert.Equal(0, report.AlteredTargetWords);
    }

    [Fact]
    public void LengthsSayWhichPairsAreSplitAndWhichPiecesAreDropped()
    {
        var options = new DataFitOptions { SourceLength = 5, TargetLength = 5, SlotsPerSourceToken = 1 };

        // "and god said let there be light" has 7 tokens: split into 3 + 3 + 1 at word boundaries.
        DataFitReport split = DataFit.Measure(English, ["And god said let there be light"], ["And god said let there be light"], options);
        // One source token, a target of 4: the free row holds only 3 content tokens, and the 5 aligned slots leave no room for the end token.
        DataFitReport dropped = DataFit.Measure(English, ["man"], ["the man came ."], options);

        Assert.Equal((1, 3, 0, 0), (split.SplitPairs, split.Pieces, split.AlignedDroppedPieces, split.FreeDroppedPieces));
        Assert.Equal((0, 1, 1, 1), (dropped.SplitPairs, dropped.Pieces, dropped.AlignedDroppedPieces, dropped.FreeDroppedPieces));
        Assert.Equal(1.0, dropped.FreeDroppedShare);
        Assert.Equal(3 + 2, split.SuggestedTargetLength);
        Assert.Equal(4 + 2, dropped.SuggestedTargetLength);
    }

    [Fact]
    public void LargeDataIsSampledAtEvenlySpacedPairsTheSameWayEveryTime()
    {
        string[] sources = [.. Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? "The man came." : "Let there be light.")];
        var options = new DataFitOptions { MaxPairs = 5 };

        DataFitReport first = DataFit.Measure(English, sources, sources, options);
        DataFitReport second = DataFit.Measure(English, sources, sources, options);

        Assert.Equal(10, first.PairsGiven);
        Assert.Equal(5, first.PairsMeasured);
        Assert.Equal([0, 2, 4, 6, 8], DataFit.SampleIndices(10, 5));
        Assert.Equal(first, second);
    }

    [Fact]
    public void BadInputIsRejectedNamingTheArgument()
    {
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => DataFit.Measure(English, ["a"], ["a", "a"])).ParamName);
        Assert.Equal("sources", Assert.Throws<ArgumentException>(() => DataFit.Measure(English, [], [])).ParamName);
        Assert.Equal("MaxPairs", Assert.Throws<ArgumentOutOfRangeException>(() => DataFit.Measure(English, ["a"], ["a"], new DataFitOptions { MaxPairs = 0 })).ParamName);
        Assert.Equal("SourceLength", Assert.Throws<ArgumentOutOfRangeException>(() => DataFit.Measure(English, ["a"], ["a"], new DataFitOptions { SourceLength = 2 })).ParamName);
    }

    [Fact]
    public void TheAlignmentCountsOnlyTargetTokensPairedWithAnEqualSourceToken()
    {
        // and(5) god(6) said(7) → god(6) says(8) ,(9): god is a copy, says a substitution, the comma an insertion.
        Assert.Equal(1, TokenAlignment.Align([5, 6, 7], [6, 8, 9]).MatchedCount);
        Assert.Equal(3, TokenAlignment.Align([5, 6, 7], [5, 6, 7]).MatchedCount);
        Assert.Equal(0, TokenAlignment.Align([5, 6, 7], []).MatchedCount);
    }
}
