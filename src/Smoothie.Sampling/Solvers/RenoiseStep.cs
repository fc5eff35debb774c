using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// The reference sampler's default step: forget x_t and re-noise the clean estimate to the next time,
/// <c>x ← μ(t_next)·x̂0 + std(t_next)·ε</c> with fresh ε, i.e. (a, b, c) = (0, μ(t_next), std(t_next)). The engine draws
/// ε straight into x in one call and then adds μ·x̂0 (one block of rows at a time in place).
/// </summary>
/// <param name="chunking">Memory budget of the noise draw; null for 1 GiB (ε is drawn into x itself, so unused today).</param>
public sealed class RenoiseStep(LatentChunking? chunking = null) : IReverseStep
{
    /// <inheritdoc/>
    public string Name => ReverseSteps.Renoise;

    /// <inheritdoc/>
    public bool ForgetsNoisyLatent => true;

    /// <inheritdoc/>
    public bool NeedsBeta => false;

    /// <inheritdoc/>
    public LatentChunking? NoiseChunking { get; } = chunking;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The schedule gives a non-finite μ or a negative or non-finite std at t_next.</exception>
    public StepCoefficients Coefficients(INoiseSchedule schedule, double t, double tNext)
    {
        StepArguments.ValidateTimes(schedule, t, tNext);
        double mu = schedule.Mu(tNext);
        double std = schedule.Std(tNext);
        if (!double.IsFinite(mu))
        {
            throw new ArgumentException($"The '{schedule.Name}' schedule has μ = {mu} at t_next = {tNext}; expected a finite number.", nameof(schedule));
        }

        if (!(std >= 0) || !double.IsFinite(std))
        {
            throw new ArgumentException($"The '{schedule.Name}' schedule has std = {std} at t_next = {tNext}; expected a finite number ≥ 0.", nameof(schedule));
        }

        return new StepCoefficients(0, mu, std);
    }
}
