namespace Smoothie.Training.Diagnostics;

/// <summary>Model quality at one diffusion time t (one row of the paper's diagnostic plot).</summary>
/// <param name="Time">The diffusion time t.</param>
/// <param name="Loss">The training loss at t (MSE or cross-entropy).</param>
/// <param name="Accuracy">The fraction of positions whose decoded prediction is the true token.</param>
/// <param name="TrueTokenProbability">
/// The mean probability of the true token in the noisy latent itself: softmax(x_t)[w] for the distance and simplex
/// spaces, softmax(−‖x_t − E_j‖²/2)[w] for the embedding space. It falls from ≈1 towards 1/V as t grows.
/// </param>
public sealed record PerTimeDiagnostic(double Time, double Loss, double Accuracy, double TrueTokenProbability);
