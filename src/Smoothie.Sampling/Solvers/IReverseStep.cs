using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// One reverse (denoising) step shared by every solver, diffusers-style: given x_t, the clean estimate x̂0 and the
/// times t &gt; t_next, return x at t_next. Solvers swap by configuration (re-noise, DDPM, DDIM, SDE).
/// </summary>
public interface IReverseStep
{
    /// <summary>A short name: <c>renoise</c>, <c>ddpm</c>, <c>ddim</c> or <c>sde</c>.</summary>
    string Name { get; }

    /// <summary>Moves the latent from time <paramref name="t"/> to <paramref name="tNext"/>.</summary>
    /// <param name="noisyLatent">x_t, <c>[B, L, D]</c>.</param>
    /// <param name="cleanEstimate">x̂0 in the same latent space, <c>[B, L, D]</c>.</param>
    /// <param name="t">Current time.</param>
    /// <param name="tNext">Next (smaller) time.</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="generator">Random generator for reproducible noise, or null for the global one.</param>
    /// <returns>x at <paramref name="tNext"/>, a new tensor.</returns>
    Tensor Step(Tensor noisyLatent, Tensor cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator);
}
