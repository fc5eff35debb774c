namespace Smoothie.Training.Diagnostics;

/// <summary>
/// What the denoiser gets right at one diffusion time t (<see cref="DenoiserProbe"/>), with target content and
/// padding apart, and with the source taken away.
/// </summary>
/// <param name="Time">The diffusion time t.</param>
/// <param name="ContentLoss">The training loss averaged over content positions (not padding).</param>
/// <param name="PaddingLoss">The training loss averaged over padding positions (NaN when the batch has none).</param>
/// <param name="ContentAccuracy">The share of content positions whose decoded prediction is the true token.</param>
/// <param name="PaddingAccuracy">The share of padding positions decoded as padding (NaN when the batch has none).</param>
/// <param name="ShuffledSourceContentLoss">
/// <see cref="ContentLoss"/> with every row given another row's source (the batch's sources rotated by one): equal to
/// <see cref="ContentLoss"/> when the model ignores its source.
/// </param>
/// <param name="ShuffledSourceContentAccuracy"><see cref="ContentAccuracy"/> with the sources rotated likewise.</param>
/// <param name="TopTokenShare">
/// The share of content positions predicted as the single most frequent predicted token: near 1 when the model falls
/// back on one hub token whatever the input.
/// </param>
/// <param name="TopToken">The id of that most frequent predicted token (in the latent vocabulary).</param>
public sealed record ProbeTimeRow(
    double Time,
    double ContentLoss,
    double PaddingLoss,
    double ContentAccuracy,
    double PaddingAccuracy,
    double ShuffledSourceContentLoss,
    double ShuffledSourceContentAccuracy,
    double TopTokenShare,
    long TopToken);
