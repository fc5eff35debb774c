using System.Globalization;
using System.Numerics.Tensors;

namespace Smoothie.Evaluation;

/// <summary>
/// BERTScore (Zhang et al. 2020) with the all-MiniLM-L6-v2 encoder: every word piece of hypothesis and reference is
/// embedded in context (last hidden layer), L2-normalized, and greedily matched to its most similar piece on the other
/// side; P averages over hypothesis pieces, R over reference pieces, F1 = 2PR/(P+R). [CLS] and [SEP] are excluded;
/// no idf weighting and no baseline rescaling (the bert_score defaults <c>idf=False</c>, <c>rescale_with_baseline=False</c>).
/// An empty side scores 0. With several references the best F1 is taken. Corpus scores are means over examples.
/// Note: numbers are not comparable with bert_score's roberta-large defaults, only between systems scored here.
/// </summary>
public sealed class BertScore : ITextMetric, IDisposable
{
    private readonly MiniLmTokenEncoder encoder;
    private readonly bool ownsEncoder;

    /// <summary>Creates the scorer with its own MiniLM session.</summary>
    /// <param name="batchSize">Texts per ONNX inference batch.</param>
    public BertScore(int batchSize = 32)
        : this(new MiniLmTokenEncoder(), batchSize, ownsEncoder: true)
    {
    }

    /// <summary>Creates the scorer on a shared encoder (not disposed by this scorer).</summary>
    public BertScore(MiniLmTokenEncoder encoder, int batchSize = 32)
        : this(encoder, batchSize, ownsEncoder: false)
    {
    }

    private BertScore(MiniLmTokenEncoder encoder, int batchSize, bool ownsEncoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.encoder = encoder;
        this.ownsEncoder = ownsEncoder;
        BatchSize = batchSize;
    }

    /// <summary>Texts per inference batch.</summary>
    public int BatchSize { get; }

    /// <inheritdoc />
    public string Name => "BERTScore";

    /// <summary>Per-example scores of <paramref name="hypotheses"/> against single references.</summary>
    public IReadOnlyList<BertScoreResult> SentenceScores(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references) =>
        SentenceScores(hypotheses, MetricArguments.SingleReferences(references));

    /// <summary>Per-example scores; with several references per example, the one with the best F1.</summary>
    public IReadOnlyList<BertScoreResult> SentenceScores(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        MetricArguments.CheckParallel(hypotheses, references);
        int hidden = encoder.HiddenSize;
        IReadOnlyList<float[]> hyp = Normalize(encoder.Encode(hypotheses, BatchSize), hidden);
        string[] flatReferences = references.SelectMany(r => r).ToArray();
        IReadOnlyList<float[]> refs = Normalize(encoder.Encode(flatReferences, BatchSize), hidden);
        var results = new BertScoreResult[hypotheses.Count];
        int offset = 0;
        for (int i = 0; i < hypotheses.Count; i++)
        {
            BertScoreResult best = new(0, 0, 0);
            bool first = true;
            foreach (var _ in references[i])
            {
                BertScoreResult score = Greedy(hyp[i], refs[offset++], hidden);
                if (first || score.F1 > best.F1)
                {
                    best = score;
                    first = false;
                }
            }

            results[i] = best;
        }

        return results;
    }

    /// <summary>Mean P, R and F1 over the examples.</summary>
    public BertScoreResult CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        IReadOnlyList<BertScoreResult> all = SentenceScores(hypotheses, references);
        if (all.Count == 0)
        {
            throw new ArgumentException("At least one hypothesis is required.", nameof(hypotheses));
        }

        return new BertScoreResult(all.Average(s => s.Precision), all.Average(s => s.Recall), all.Average(s => s.F1));
    }

    /// <inheritdoc />
    public MetricResult Compute(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string>? sources = null)
    {
        BertScoreResult r = CorpusScore(hypotheses, references);
        var values = new Dictionary<string, double> { ["bertscore_precision"] = r.Precision, ["bertscore_recall"] = r.Recall, ["bertscore_f1"] = r.F1 };
        return new MetricResult(
            Name,
            values,
            string.Create(CultureInfo.InvariantCulture, $"BERTScore P = {r.Precision:F4} R = {r.Recall:F4} F1 = {r.F1:F4} (all-MiniLM-L6-v2 last layer, no idf, no rescaling)"));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsEncoder)
        {
            encoder.Dispose();
        }
    }

    /// <summary>Greedy cosine matching of two sets of unit-length token vectors (row-major, <paramref name="hidden"/> wide).</summary>
    internal static BertScoreResult Greedy(float[] hypothesis, float[] reference, int hidden)
    {
        int h = hypothesis.Length / hidden;
        int r = reference.Length / hidden;
        if (h == 0 || r == 0)
        {
            return new BertScoreResult(0, 0, 0);
        }

        var bestForHypothesis = new double[h];
        var bestForReference = new double[r];
        Array.Fill(bestForHypothesis, double.NegativeInfinity);
        Array.Fill(bestForReference, double.NegativeInfinity);
        for (int i = 0; i < h; i++)
        {
            ReadOnlySpan<float> a = hypothesis.AsSpan(i * hidden, hidden);
            for (int j = 0; j < r; j++)
            {
                double similarity = TensorPrimitives.Dot(a, reference.AsSpan(j * hidden, hidden));
                bestForHypothesis[i] = Math.Max(bestForHypothesis[i], similarity);
                bestForReference[j] = Math.Max(bestForReference[j], similarity);
            }
        }

        double precision = bestForHypothesis.Average();
        double recall = bestForReference.Average();
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return new BertScoreResult(precision, recall, f1);
    }

    private static IReadOnlyList<float[]> Normalize(IReadOnlyList<float[]> embeddings, int hidden)
    {
        foreach (float[] e in embeddings)
        {
            for (int t = 0; t < e.Length / hidden; t++)
            {
                Span<float> row = e.AsSpan(t * hidden, hidden);
                float norm = TensorPrimitives.Norm(row);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(row, norm, row);
                }
            }
        }

        return embeddings;
    }
}
