using System.Globalization;

namespace Smoothie.Evaluation;

/// <summary>The outcome of <see cref="PairedBootstrap.Compare"/>: system A against system B on the same rows.</summary>
/// <param name="ScoreA">A's metric on the full set of rows.</param>
/// <param name="ScoreB">B's metric on the full set of rows.</param>
/// <param name="Difference">A − B on the full set.</param>
/// <param name="Lower">The 2.5th percentile of the resampled differences (the sorted difference at position ⌊S/40⌋).</param>
/// <param name="Upper">The 97.5th percentile of the resampled differences (the sorted difference at position S − 1 − ⌊S/40⌋).</param>
/// <param name="PValue">
/// One-sided p: with c = the number of resamples whose difference is ≤ 0 when <see cref="Difference"/> ≥ 0 (≥ 0 when
/// it is negative), p = (c + 1) / (S + 1). Small p: the sign of the difference is stable under resampling.
/// </param>
/// <param name="Samples">S, the number of resamples.</param>
/// <param name="Seed">The seed of the resampling.</param>
public sealed record PairedBootstrapResult(
    double ScoreA,
    double ScoreB,
    double Difference,
    double Lower,
    double Upper,
    double PValue,
    int Samples,
    int Seed)
{
    /// <summary>One line, e.g. <c>A − B = +1.23 [+0.41, +2.05] p = 0.002 (1000 resamples, seed 12345)</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"A − B = {Difference:+0.00;-0.00;0.00} [{Lower:+0.00;-0.00;0.00}, {Upper:+0.00;-0.00;0.00}] p = {PValue:F3} ({Samples} resamples, seed {Seed})");
}
