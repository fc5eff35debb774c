namespace Smoothie.Evaluation;

/// <summary>The outcome of an <see cref="ITextMetric"/>: named scores and a one-line human summary.</summary>
/// <param name="Metric">The metric's name, e.g. <c>BLEU</c>.</param>
/// <param name="Scores">Named values (e.g. <c>bleu</c>, <c>rouge1</c>, <c>bertscore_f1</c>), each on the scale of the metric's reference tool.</param>
/// <param name="Summary">A readable one-line report (for BLEU, sacreBLEU's score string).</param>
public sealed record MetricResult(string Metric, IReadOnlyDictionary<string, double> Scores, string Summary);
