namespace Smoothie.Training.Diagnostics;

/// <summary>The result of <see cref="DenoiserProbe.Run"/>: the curves by diffusion time and by target position.</summary>
/// <param name="Times">One row per probed time.</param>
/// <param name="Positions">One row per target position, averaged over the probed times.</param>
/// <param name="PaddingShare">The share of the batch's target positions that hold padding.</param>
public sealed record DenoiserProbeReport(IReadOnlyList<ProbeTimeRow> Times, IReadOnlyList<ProbePositionRow> Positions, double PaddingShare);
