namespace Smoothie.Evaluation;

/// <summary>A corpus-level text generation metric with a common shape, so tools can run a list of them.</summary>
public interface ITextMetric
{
    /// <summary>The metric's short name, e.g. <c>BLEU</c>.</summary>
    string Name { get; }

    /// <summary>Scores <paramref name="hypotheses"/> against their references.</summary>
    /// <param name="hypotheses">One generated text per example.</param>
    /// <param name="references">For each example, one or more reference texts (same count as <paramref name="hypotheses"/>).</param>
    /// <param name="sources">The inputs the hypotheses were generated from; required by source-aware metrics such as SARI.</param>
    /// <exception cref="ArgumentException">Counts differ, or a required input is missing.</exception>
    MetricResult Compute(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string>? sources = null);
}
