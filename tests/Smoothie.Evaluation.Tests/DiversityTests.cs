using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

public class DiversityTests
{
    [Fact]
    public void DistinctNPoolsNgramsOverTheCorpus()
    {
        var distinct = new Distinct();
        string[] texts = ["a b a", "a b"];
        Assert.Equal(2.0 / 5, distinct.Score(texts, 1), 12); // a b a a b: 2 unique of 5
        Assert.Equal(2.0 / 3, distinct.Score(texts, 2), 12); // "a b" "b a" "a b": 2 of 3
        Assert.Equal(0.0, distinct.Score(texts, 4));          // no 4-grams at all
        var result = distinct.Compute(texts, MetricArguments.SingleReferences(["x", "y"]));
        Assert.Equal(["distinct_1", "distinct_2", "distinct_4"], result.Scores.Keys);
        Assert.Throws<ArgumentException>(() => distinct.Score(texts, 0));
    }

    [Fact]
    public void SelfBleuIs100ForCopiesAnd0ForDisjointTexts()
    {
        var self = new SelfBleu();
        Assert.Equal(100.0, self.Score(["a b c d", "a b c d", "a b c d"]), 10);
        Assert.Equal(0.0, self.Score(["a b c d", "e f g h"]));
        // Two texts sharing 2 of 4 tokens, no shared bigram: sentence BLEU each = exp smoothing with effective order.
        double partial = self.Score(["a b c d", "a x b y"]);
        Assert.InRange(partial, 1, 99);
        Assert.Throws<ArgumentException>(() => self.Score(["only one"]));
    }
}
