using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// One reverse (denoising) step, the <c>step()</c> contract of diffusers' schedulers reduced to what it computes: the
/// coefficients of <c>x ← a·x_t + b·x̂0 + c·ε</c> for the times t &gt; t_next (<see cref="StepCoefficients"/>). The
/// tensors are moved by one engine, in place or out of place with the same random stream
/// (<see cref="ReverseStepExtensions.Step"/>, <see cref="ReverseStepExtensions.StepInPlace"/>); solvers swap by
/// configuration (<see cref="ReverseSteps"/>).
/// </summary>
public interface IReverseStep
{
    /// <summary>The registered name (<see cref="ReverseSteps.Names"/>), e.g. <see cref="ReverseSteps.Renoise"/>.</summary>
    string Name { get; }

    /// <summary>
    /// True when the step never reads x_t (a = 0 at every time): a sampler may then skip x_t and build the next denoiser
    /// input straight from <c>b·x̂0 + c·ε</c> (the fused re-noise input of a latent space).
    /// </summary>
    bool ForgetsNoisyLatent { get; }

    /// <summary>True when the step needs β(t) (<see cref="INoiseSchedule.SupportsSde"/>), as the reverse SDE does.</summary>
    bool NeedsBeta { get; }

    /// <summary>Memory budget of the noise draw when a ≠ 0 (ε is added one chunk of rows at a time); null for 1 GiB.</summary>
    LatentChunking? NoiseChunking { get; }

    /// <summary>The coefficients of the step from <paramref name="t"/> to <paramref name="tNext"/>.</summary>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="t">Current time in (0, 1].</param>
    /// <param name="tNext">Next time in [0, t).</param>
    /// <returns>(a, b, c) of <c>x ← a·x_t + b·x̂0 + c·ε</c>.</returns>
    /// <exception cref="ArgumentException">The schedule cannot serve this step at these times (the message names it).</exception>
    StepCoefficients Coefficients(INoiseSchedule schedule, double t, double tNext);
}
