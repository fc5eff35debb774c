namespace Smoothie.Training.Diagnostics;

/// <summary>
/// What the denoiser gets right at one target position, averaged over the probe's time grid (<see cref="DenoiserProbe"/>).
/// </summary>
/// <param name="Position">The target position (0 = the first slot).</param>
/// <param name="PaddingShare">The share of the batch's rows that hold padding at this position.</param>
/// <param name="Loss">The training loss at this position (content and padding).</param>
/// <param name="ContentAccuracy">The share of content tokens at this position decoded right (NaN when there is none).</param>
/// <param name="PaddingAccuracy">The share of padding at this position decoded as padding (NaN when there is none).</param>
public sealed record ProbePositionRow(int Position, double PaddingShare, double Loss, double ContentAccuracy, double PaddingAccuracy);
