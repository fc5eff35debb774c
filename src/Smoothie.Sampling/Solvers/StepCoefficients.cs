namespace Smoothie.Sampling.Solvers;

/// <summary>
/// One reverse step t → t_next written as <c>x ← NoisyLatent·x_t + CleanEstimate·x̂0 + Noise·ε</c>, ε ~ N(0, I): what a
/// solver computes from the schedule at (t, t_next). Every built-in solver has this form (re-noise, DDPM, DDIM, SDE);
/// only the scalars differ, and one engine applies them (see <see cref="ReverseStepExtensions"/>).
/// </summary>
/// <param name="NoisyLatent">The weight a of x_t (0 when the step forgets x_t, as re-noising does).</param>
/// <param name="CleanEstimate">The weight b of x̂0.</param>
/// <param name="Noise">The standard deviation c ≥ 0 of the fresh noise (0 for DDIM: no randomness).</param>
public readonly record struct StepCoefficients(double NoisyLatent, double CleanEstimate, double Noise);
