namespace Smoothie.Sampling.Solvers;

/// <summary>
/// A reverse step written as <c>x ← NoisyLatent·x_t + CleanEstimate·x̂0 + Noise·ε</c>, ε ~ N(0, I) (every built-in solver
/// has this form; only the scalars differ).
/// </summary>
/// <param name="NoisyLatent">The weight a of x_t (0 for re-noising).</param>
/// <param name="CleanEstimate">The weight b of x̂0.</param>
/// <param name="Noise">The standard deviation c of the fresh noise (0 for DDIM).</param>
internal readonly record struct StepCoefficients(double NoisyLatent, double CleanEstimate, double Noise);
