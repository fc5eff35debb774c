using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

public class RougeTests
{
    private static readonly Rouge Rouge = new();

    [Fact]
    public void TokenizationLowercasesAndSplitsOnNonAlphanumerics()
    {
        Assert.Equal(["hello", "world", "it", "s", "3", "5", "u", "s"], RougeTokenizer.Tokenize("Hello, WORLD! It's 3.5 U.S."));
        Assert.Equal(["caf", "na", "ve"], RougeTokenizer.Tokenize("Café naïve")); // non-ASCII letters are separators, as in rouge_score
        Assert.Empty(RougeTokenizer.Tokenize(" ... "));
    }

    [Fact]
    public void RougeScoreReadmeExample()
    {
        // rouge_score README: score(target="The quick brown fox jumps over the lazy dog", prediction="The quick brown dog jumps on the log.")
        // rouge1: overlap the×2, quick, brown, dog, jumps = 6 -> P = 6/8 = 0.75, R = 6/9, F = 0.7059
        // rougeL: LCS "the quick brown jumps the" = 5 -> P = 5/8 = 0.625, R = 5/9, F = 0.5882
        var r = Rouge.SentenceScore("The quick brown dog jumps on the log.", "The quick brown fox jumps over the lazy dog");
        Assert.Equal(0.75, r.Rouge1.Precision, 12);
        Assert.Equal(6.0 / 9, r.Rouge1.Recall, 12);
        Assert.Equal(0.7058823529411765, r.Rouge1.F1, 12);
        Assert.Equal(0.625, r.RougeL.Precision, 12);
        Assert.Equal(5.0 / 9, r.RougeL.Recall, 12);
        Assert.Equal(0.5882352941176471, r.RougeL.F1, 12);
        // rouge2: hyp bigrams 7, ref bigrams 8; common: "the quick", "quick brown" = 2 -> P = 2/7, R = 2/8.
        Assert.Equal(2.0 / 7, r.Rouge2.Precision, 12);
        Assert.Equal(0.25, r.Rouge2.Recall, 12);
    }

    [Fact]
    public void HandWorkedCatExample()
    {
        // hyp: the cat sat on the mat / ref: the cat was on the mat
        // unigrams overlap 5 of 6 each; bigrams: the cat, on the, the mat = 3 of 5 each; LCS = the cat on the mat = 5.
        var r = Rouge.SentenceScore("the cat sat on the mat", "the cat was on the mat");
        Assert.Equal(5.0 / 6, r.Rouge1.F1, 12);
        Assert.Equal(3.0 / 5, r.Rouge2.F1, 12);
        Assert.Equal(5.0 / 6, r.RougeL.F1, 12);
    }

    [Fact]
    public void CaseAndPunctuationDoNotMatterAndEmptyScoresZero()
    {
        var same = Rouge.SentenceScore("Hello, World!", "hello world");
        Assert.Equal(1.0, same.Rouge1.F1);
        Assert.Equal(1.0, same.Rouge2.F1);
        Assert.Equal(1.0, same.RougeL.F1);
        var empty = Rouge.SentenceScore(string.Empty, "hello world");
        Assert.Equal(new RougeScore(0, 0, 0), empty.Rouge1);
        Assert.Equal(new RougeScore(0, 0, 0), empty.RougeL);
    }

    [Fact]
    public void CorpusScoreIsTheMeanOfSentenceScoresAndMultiReferenceTakesTheBest()
    {
        var corpus = Rouge.CorpusScore(["the cat sat on the mat", "a b"], ["the cat was on the mat", "c d"]);
        Assert.Equal(((5.0 / 6) + 0) / 2, corpus.Rouge1.F1, 12);
        var multi = Rouge.SentenceScore("a b", ["c d", "a b"]);
        Assert.Equal(1.0, multi.RougeL.F1);
        var result = Rouge.Compute(["a b"], MetricArguments.SingleReferences(["a b"]));
        Assert.Equal(1.0, result.Scores["rougeL"]);
    }

    [Fact]
    public void LcsOfKnownSequences()
    {
        Assert.Equal(4, Rouge.LongestCommonSubsequence("a b c b d a b".Split(' '), "b d c a b a".Split(' ')));
        Assert.Equal(0, Rouge.LongestCommonSubsequence([], ["a"]));
    }
}
