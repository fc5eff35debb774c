using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

public class SariTests
{
    private static readonly Sari Sari = new();

    [Fact]
    public void HuggingFaceSariDocumentationExample()
    {
        // The example of the HF `sari` metric card / EASSE tests: {'sari': 26.953601953601954}.
        double score = Sari.CorpusScore(
            ["About 95 species are currently accepted."],
            ["About 95 you now get in."],
            [["About 95 species are currently known.", "About 95 species are now accepted.", "95 species are now accepted."]]);
        Assert.Equal(26.953601953601954, score, 9);
    }

    [Fact]
    public void CopyingTheSourceWhenTheReferenceChangesAWord()
    {
        // source "a b", prediction "a b", reference "a c" (worked by hand):
        // n=1 keep: P = (1 + 0)/2, R = 1/1 -> F = 2/3; delete: nothing deleted -> 1; add: P = 1 (nothing added), R = 0/1 -> 0.
        // n=2 keep: P = 0, R = 1 (no kept reference bigram) -> 0; delete 1; add 0.   n=3,4: everything empty -> 1, 1, 1.
        // keep = (2/3 + 0 + 1 + 1)/4, delete = 1, add = (0 + 0 + 1 + 1)/4 -> SARI = (2/3 + 1 + 1/2)/3 = 0.72222
        double score = Sari.CorpusScore(["a b"], ["a b"], [["a c"]]);
        Assert.Equal(100 * ((2.0 / 3) + 1 + 0.5) / 3, score, 10);
    }

    [Fact]
    public void PredictionEqualToTheReferenceScores100()
    {
        Assert.Equal(100.0, Sari.CorpusScore(["a b"], ["a c"], [["a c"]]), 10);
        Assert.Equal(100.0, Sari.CorpusScore(["The old man said"], ["The man said"], [["the man said"]]), 10);
    }

    [Fact]
    public void SourcesAreRequired()
    {
        var e = Assert.Throws<ArgumentException>(() => Sari.Compute(["a"], MetricArguments.SingleReferences(["a"])));
        Assert.Equal("sources", e.ParamName);
        Assert.Equal(100.0, Sari.Compute(["a c"], MetricArguments.SingleReferences(["a c"]), ["a b"]).Scores["sari"], 10);
    }
}
