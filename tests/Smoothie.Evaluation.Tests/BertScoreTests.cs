using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

public sealed class MiniLmFixture : IDisposable
{
    public MiniLmTokenEncoder Encoder { get; } = new();

    public void Dispose() => Encoder.Dispose();
}

public class BertScoreTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public void GreedyMatchingOnHandMadeUnitVectors()
    {
        // hyp tokens: e1, e2 ; ref tokens: e1, (e1+e3)/√2, e3.
        float s = MathF.Sqrt(0.5f);
        float[] hyp = [1, 0, 0, 0, 1, 0];
        float[] reference = [1, 0, 0, s, 0, s, 0, 0, 1];
        var r = BertScore.Greedy(hyp, reference, 3);
        Assert.Equal((1 + 0) / 2.0, r.Precision, 6);     // e1 -> 1, e2 -> 0
        Assert.Equal((1 + s + 0) / 3.0, r.Recall, 6);     // e1 -> 1, mix -> √½, e3 -> 0
        Assert.Equal(2 * r.Precision * r.Recall / (r.Precision + r.Recall), r.F1, 12);
    }

    [Fact]
    public void ModelInputsAndOutputsAreFound()
    {
        Assert.Equal(384, fixture.Encoder.HiddenSize);
        Assert.Contains("input_ids", fixture.Encoder.Describe());
        Assert.Contains("attention_mask", fixture.Encoder.Describe());
        Assert.Equal([7592, 1010, 2088, 999], fixture.Encoder.Tokenize("Hello, world!")); // bert-base-uncased ids
    }

    [Fact]
    public void IdenticalSentencesScoreOneAndParaphrasesBeatUnrelatedSentences()
    {
        using var bert = new BertScore(fixture.Encoder, batchSize: 4);
        string reference = "The cat sat on the mat.";
        var scores = bert.SentenceScores(
            ["The cat sat on the mat.", "A cat was sitting on the rug.", "Stock markets fell sharply on Tuesday."],
            [reference, reference, reference]);
        Assert.InRange(scores[0].F1, 0.9999, 1.0001);
        Assert.InRange(scores[0].Precision, 0.9999, 1.0001);
        Assert.True(scores[1].F1 > scores[2].F1 + 0.05, $"paraphrase {scores[1].F1} vs unrelated {scores[2].F1}");
    }

    [Fact]
    public void BatchingAndPaddingDoNotChangeScores()
    {
        string[] hyps = ["short", "a considerably longer sentence with many more word pieces in it", "medium length text here"];
        string[] refs = ["brief", "a long sentence containing several word pieces", "text of medium length"];
        using var one = new BertScore(fixture.Encoder, batchSize: 1);
        using var many = new BertScore(fixture.Encoder, batchSize: 8);
        var a = one.SentenceScores(hyps, refs);
        var b = many.SentenceScores(hyps, refs);
        for (int i = 0; i < hyps.Length; i++)
        {
            Assert.Equal(a[i].F1, b[i].F1, 4);
        }
    }

    [Fact]
    public void EmptyHypothesisScoresZeroAndMultiReferenceTakesBest()
    {
        using var bert = new BertScore(fixture.Encoder);
        var empty = bert.SentenceScores([string.Empty], ["Something here."]);
        Assert.Equal(new BertScoreResult(0, 0, 0), empty[0]);
        var multi = bert.SentenceScores(["The dog barked."], [(IReadOnlyList<string>)["Completely different topic entirely.", "The dog barked."]]);
        Assert.InRange(multi[0].F1, 0.9999, 1.0001);
        var result = bert.Compute(["The dog barked."], MetricArguments.SingleReferences(["The dog barked."]));
        Assert.InRange(result.Scores["bertscore_f1"], 0.9999, 1.0001);
    }

    [Fact]
    public void DisposedEncoderRefusesWork()
    {
        var encoder = new MiniLmTokenEncoder();
        encoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => encoder.Encode(["x"]));
    }
}
