using System.Globalization;

namespace Smoothie.Evaluation;

/// <summary>
/// ROUGE-1/2/L as Google's <c>rouge_score</c> computes them (<see cref="RougeTokenizer"/> tokenization; ROUGE-N from clipped
/// n-gram overlap; ROUGE-L from the longest common subsequence, sentence-level, not the summary-level <c>rougeLsum</c>),
/// averaged over sentences (arithmetic mean of P, R and F1). With several references, each variant takes the reference
/// with the highest F1 (rouge_score's <c>score_multi</c>).
/// </summary>
public sealed class Rouge : ITextMetric
{
    /// <inheritdoc />
    public string Name => "ROUGE";

    /// <summary>ROUGE-1/2/L of one hypothesis against one reference.</summary>
    public RougeResult SentenceScore(string hypothesis, string reference)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(reference);
        string[] h = RougeTokenizer.Tokenize(hypothesis);
        string[] r = RougeTokenizer.Tokenize(reference);
        return new RougeResult(NGramScore(h, r, 1), NGramScore(h, r, 2), LcsScore(h, r));
    }

    /// <summary>ROUGE of one hypothesis against several references: per variant, the reference with the best F1.</summary>
    public RougeResult SentenceScore(string hypothesis, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            throw new ArgumentException("At least one reference is required.", nameof(references));
        }

        RougeResult[] all = references.Select(r => SentenceScore(hypothesis, r)).ToArray();
        return new RougeResult(
            all.Select(a => a.Rouge1).MaxBy(s => s.F1)!,
            all.Select(a => a.Rouge2).MaxBy(s => s.F1)!,
            all.Select(a => a.RougeL).MaxBy(s => s.F1)!);
    }

    /// <summary>The mean of the sentence scores.</summary>
    public RougeResult CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        MetricArguments.CheckParallel(hypotheses, references);
        if (hypotheses.Count == 0)
        {
            throw new ArgumentException("At least one hypothesis is required.", nameof(hypotheses));
        }

        RougeResult[] scores = hypotheses.Select((h, i) => SentenceScore(h, references[i])).ToArray();
        return new RougeResult(Mean(scores.Select(s => s.Rouge1)), Mean(scores.Select(s => s.Rouge2)), Mean(scores.Select(s => s.RougeL)));
    }

    /// <summary>The mean of the sentence scores with one reference each.</summary>
    public RougeResult CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references) =>
        CorpusScore(hypotheses, MetricArguments.SingleReferences(references));

    /// <inheritdoc />
    public MetricResult Compute(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string>? sources = null)
    {
        RougeResult r = CorpusScore(hypotheses, references);
        var values = new Dictionary<string, double>
        {
            ["rouge1"] = r.Rouge1.F1,
            ["rouge2"] = r.Rouge2.F1,
            ["rougeL"] = r.RougeL.F1,
            ["rouge1_precision"] = r.Rouge1.Precision,
            ["rouge1_recall"] = r.Rouge1.Recall,
            ["rouge2_precision"] = r.Rouge2.Precision,
            ["rouge2_recall"] = r.Rouge2.Recall,
            ["rougeL_precision"] = r.RougeL.Precision,
            ["rougeL_recall"] = r.RougeL.Recall,
        };
        string summary = string.Create(
            CultureInfo.InvariantCulture,
            $"ROUGE-1 = {r.Rouge1.F1 * 100:F2} ROUGE-2 = {r.Rouge2.F1 * 100:F2} ROUGE-L = {r.RougeL.F1 * 100:F2} (F1 x 100, rouge_score tokenization, no stemming)");
        return new MetricResult(Name, values, summary);
    }

    /// <summary>Length of the longest common subsequence of two token sequences.</summary>
    public static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (int i = 1; i <= a.Count; i++)
        {
            for (int j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }

    private static RougeScore NGramScore(string[] hypothesis, string[] reference, int n)
    {
        Dictionary<string, int> h = NGramCounts.Of(hypothesis, n);
        Dictionary<string, int> r = NGramCounts.Of(reference, n);
        int overlap = h.Sum(kv => Math.Min(kv.Value, r.GetValueOrDefault(kv.Key)));
        return RougeScore.From(overlap, h.Values.Sum(), r.Values.Sum());
    }

    private static RougeScore LcsScore(string[] hypothesis, string[] reference)
    {
        if (hypothesis.Length == 0 || reference.Length == 0)
        {
            return new RougeScore(0, 0, 0);
        }

        return RougeScore.From(LongestCommonSubsequence(hypothesis, reference), hypothesis.Length, reference.Length);
    }

    private static RougeScore Mean(IEnumerable<RougeScore> scores)
    {
        RougeScore[] all = scores.ToArray();
        return new RougeScore(all.Average(s => s.Precision), all.Average(s => s.Recall), all.Average(s => s.F1));
    }
}
