using System.Globalization;

namespace Smoothie.Evaluation;

/// <summary>A BLEU score with its sufficient statistics, as reported by sacreBLEU.</summary>
/// <param name="Score">BLEU on a 0–100 scale.</param>
/// <param name="Counts">Matched (clipped) n-gram counts, n = 1..max order.</param>
/// <param name="Totals">Hypothesis n-gram counts, n = 1..max order.</param>
/// <param name="Precisions">Smoothed n-gram precisions on a 0–100 scale.</param>
/// <param name="BrevityPenalty">exp(1 − ref_len/hyp_len) when hyp_len &lt; ref_len, else 1 (0 when hyp_len = 0).</param>
/// <param name="HypothesisLength">Total hypothesis tokens.</param>
/// <param name="ReferenceLength">Total closest-reference tokens.</param>
public sealed record BleuScore(
    double Score,
    IReadOnlyList<double> Counts,
    IReadOnlyList<double> Totals,
    IReadOnlyList<double> Precisions,
    double BrevityPenalty,
    long HypothesisLength,
    long ReferenceLength)
{
    /// <summary>hyp_len / ref_len (0 when ref_len = 0).</summary>
    public double Ratio => ReferenceLength == 0 ? 0 : (double)HypothesisLength / ReferenceLength;

    /// <summary>sacreBLEU's score string, e.g. <c>BLEU = 43.10 70.1/50.2/37.4/28.1 (BP = 1.000 ratio = 1.043 hyp_len = 30000 ref_len = 28750)</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"BLEU = {Score:F2} {string.Join('/', Precisions.Select(p => p.ToString("F1", CultureInfo.InvariantCulture)))} (BP = {BrevityPenalty:F3} ratio = {Ratio:F3} hyp_len = {HypothesisLength} ref_len = {ReferenceLength})");
}
