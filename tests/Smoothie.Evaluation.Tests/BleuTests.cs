using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

public class BleuTests
{
    private static readonly Bleu Default = new();

    [Fact]
    public void PerfectMatchScores100()
    {
        var score = Default.CorpusScore(["The quick brown fox jumps over the lazy dog."], ["The quick brown fox jumps over the lazy dog."]);
        Assert.Equal(100.0, score.Score, 10);
        Assert.Equal(1.0, score.BrevityPenalty);
        Assert.All(score.Precisions, p => Assert.Equal(100.0, p, 10));
    }

    [Fact]
    public void EmptyHypothesisScores0WithZeroBrevityPenalty()
    {
        var score = Default.CorpusScore([string.Empty], ["Hello world ."]);
        Assert.Equal(0.0, score.Score);
        Assert.Equal(0.0, score.BrevityPenalty);
        Assert.Equal(0, score.HypothesisLength);
        Assert.Equal(3, score.ReferenceLength);
        Assert.Equal("BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 0.000 ratio = 0.000 hyp_len = 0 ref_len = 3)", score.ToString());
    }

    [Fact]
    public void NoMatchingNgramScores0EarlyStop()
    {
        // sacreBLEU #141: when no n-gram matches at all the score is 0 and the precisions are reported as 0.
        var score = Default.CorpusScore(["this is a test", "another test"], ["ref1", "ref2"]);
        Assert.Equal(0.0, score.Score);
        Assert.All(score.Precisions, p => Assert.Equal(0.0, p));
    }

    [Fact]
    public void BrevityPenaltyForAShortHypothesis()
    {
        // Hyp 5 tokens, every n-gram matches; ref 6 tokens: BP = exp(1 - 6/5) = 0.818730753...
        var score = Default.CorpusScore(["the cat sat on the"], ["the cat sat on the mat"]);
        Assert.Equal(Math.Exp(1 - (6.0 / 5.0)), score.BrevityPenalty, 12);
        Assert.Equal(100 * Math.Exp(-0.2), score.Score, 10);
        Assert.Equal(5.0 / 6.0, score.Ratio, 12);
    }

    [Fact]
    public void LongerHypothesisHasNoBrevityPenalty()
    {
        var score = Default.CorpusScore(["the cat sat on the mat today"], ["the cat sat on the mat"]);
        Assert.Equal(1.0, score.BrevityPenalty);
        // Precisions 6/7, 5/6, 4/5, 3/4.
        double expected = 100 * Math.Pow(6.0 / 7 * 5.0 / 6 * 4.0 / 5 * 3.0 / 4, 0.25);
        Assert.Equal(expected, score.Score, 10);
    }

    [Fact]
    public void PunctuationAndDigitsAreTokenizedBeforeMatching()
    {
        // "Hello, world!" -> Hello , world ! ; "Hello world" -> Hello world. Matches: 1-grams Hello, world (2/4); 2-grams 0/3.
        var score = Default.CorpusScore(["Hello, world!"], ["Hello world"]);
        Assert.Equal(4, score.HypothesisLength);
        Assert.Equal(2, score.ReferenceLength);
        Assert.Equal([2.0, 0.0, 0.0, 0.0], score.Counts);
        Assert.Equal([4.0, 3.0, 2.0, 1.0], score.Totals);
        // exp smoothing: the k-th zero precision is 100 / (2^k * total): 100/6, 100/8, 100/8.
        Assert.Equal([50.0, 100.0 / 6, 100.0 / 8, 100.0 / 8], score.Precisions.ToArray(), new ToleranceComparer(1e-10));
        double expected = Math.Exp((Math.Log(50) + Math.Log(100.0 / 6) + Math.Log(12.5) + Math.Log(12.5)) / 4);
        Assert.Equal(expected, score.Score, 10);

        // "3.5" is one token, "U.S." is four, "end." two: an identical pair still scores 100 and the counts show the split.
        var digits = Default.CorpusScore(["The U.S. grew 3.5 percent in the end."], ["The U.S. grew 3.5 percent in the end."]);
        Assert.Equal(12, digits.HypothesisLength); // The U . S . grew 3.5 percent in the end .
        Assert.Equal(100.0, digits.Score, 10);
    }

    [Fact]
    public void SacrebleuReadmeExampleWithTwoReferenceStreams()
    {
        // The example of sacreBLEU's README, whose printed result is
        // "BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)".
        string[] hypotheses = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
        string[][] streams =
        [
            ["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
            ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."],
        ];
        var references = Enumerable.Range(0, 3).Select(i => (IReadOnlyList<string>)[streams[0][i], streams[1][i]]).ToArray();
        var score = Default.CorpusScore(hypotheses, references);
        Assert.Equal("BLEU = 48.53 82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)", score.ToString());
    }

    [Fact]
    public void ClosestReferenceLengthPrefersTheShorterOnTies()
    {
        // Hyp 4 tokens; refs of 3 and 5 tokens are equally close: sacreBLEU takes 3.
        var score = Default.CorpusScore(["a b c d"], [(IReadOnlyList<string>)["a b c", "a b c d e"]]);
        Assert.Equal(3, score.ReferenceLength);
    }

    [Fact]
    public void LowercaseOptionMatchesAcrossCase()
    {
        var cased = Default.CorpusScore(["THE CAT"], ["the cat"]);
        var lower = new Bleu(new BleuOptions { Lowercase = true }).CorpusScore(["THE CAT"], ["the cat"]);
        Assert.Equal(0.0, cased.Score);
        // 2 tokens: 1- and 2-grams match, no 3/4-grams: with effective order off, precisions 3,4 are 0 -> log(0) taken as -9999999999.
        Assert.Equal(0.0, lower.Score, 10);
        var lowerEffective = new Bleu(new BleuOptions { Lowercase = true, EffectiveOrder = true }).CorpusScore(["THE CAT"], ["the cat"]);
        Assert.Equal(100.0, lowerEffective.Score, 10);
    }

    [Fact]
    public void FloorSmoothingWithoutTokenizationMatchesHandComputation()
    {
        // "this is a fest" vs "this is a test": precisions 3/4, 2/3, 1/2, floor 0.01/1 -> (0.75*2/3*0.5*0.01)^(1/4) = 0.2236...
        var bleu = new Bleu(new BleuOptions { Tokenization = BleuTokenization.None, Smoothing = BleuSmoothing.Floor, SmoothValue = 0.01 });
        Assert.Equal(22.3606797749979, bleu.CorpusScore(["this is a fest"], ["this is a test"]).Score, 9);
    }

    [Fact]
    public void SentenceBleuWithEffectiveOrderOnAShortSentence()
    {
        var bleu = new Bleu(BleuOptions.SentenceDefault);
        // 3 tokens vs ref of 4: 1-grams 3/3, 2-grams 2/2, 3-grams 1/1, no 4-grams -> average over 3 orders = 100; BP = exp(1-4/3).
        var score = bleu.SentenceScore("a b c", ["a b c d"]);
        Assert.Equal(100 * Math.Exp(1 - (4.0 / 3.0)), score.Score, 10);
    }

    [Fact]
    public void EmptyReferencesAreAnErrorAndCountsMustMatch()
    {
        Assert.Throws<ArgumentException>(() => Default.CorpusScore(["a"], [string.Empty]));
        var e = Assert.Throws<ArgumentException>(() => Default.CorpusScore(["a", "b"], ["a"]));
        Assert.Equal("references", e.ParamName);
    }

    [Fact]
    public void MetricResultCarriesTheSignature()
    {
        var result = Default.Compute(["a b c d"], MetricArguments.SingleReferences(["a b c d"]));
        Assert.Equal(100.0, result.Scores["bleu"], 10);
        Assert.EndsWith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:smoothie", result.Summary);
    }

    internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
