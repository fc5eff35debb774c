using Smoothie.Schedulers;
using Smoothie.Runtime;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// The reference sampler's default step: forget x_t and re-noise the clean estimate to the next time,
/// <c>x ← μ(t_next)·x̂0 + std(t_next)·ε</c> with fresh ε. In place, ε is drawn straight into x_t's buffer in one call
/// (the same random stream as <see cref="Step"/>) and μ·x̂0 is added one block of rows at a time.
/// </summary>
/// <param name="chunking">Memory budget of the noise draw; null for 1 GiB.</param>
public sealed class RenoiseStep(LatentChunking? chunking = null) : IInPlaceReverseStep
{
    private readonly LatentChunking? noiseChunking = chunking;

    /// <inheritdoc/>
    public string Name => "renoise";

    /// <inheritdoc/>
    public Tensor Step(Tensor noisyLatent, Tensor cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator)
    {
        StepArguments.Validate(noisyLatent, cleanEstimate, t, tNext, schedule);
        return ForwardProcess.AddNoise(cleanEstimate, schedule.Mu(tNext), schedule.Std(tNext), generator, noiseChunking);
    }

    /// <inheritdoc/>
    public void StepInPlace(
        Tensor noisyLatent, CleanEstimateRows cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator, LatentChunking? chunking = null)
    {
        StepArguments.ValidateInPlace(noisyLatent, cleanEstimate, t, tNext, schedule);
        Validate(schedule, tNext, out double mu, out double std);
        InPlaceStepUpdate.Apply(noisyLatent, cleanEstimate, new StepCoefficients(0, mu, std), generator, chunking, noiseChunking);
    }

    /// <summary>
    /// The coefficients of the re-noise step to <paramref name="tNext"/>, x ← μ(t_next)·x̂0 + std(t_next)·ε, checked:
    /// for samplers that apply the step in a fused form (<c>IFusedDenoiserInput</c>) rather than through this class.
    /// </summary>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="tNext">The time moved to.</param>
    /// <param name="mu">μ(t_next).</param>
    /// <param name="std">std(t_next).</param>
    /// <exception cref="ArgumentException">The schedule gives a non-finite μ or a negative or non-finite std.</exception>
    public static void Validate(INoiseSchedule schedule, double tNext, out double mu, out double std)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        mu = schedule.Mu(tNext);
        std = schedule.Std(tNext);
        if (!double.IsFinite(mu))
        {
            throw new ArgumentException($"The '{schedule.Name}' schedule has μ = {mu} at t_next = {tNext}; expected a finite number.", nameof(schedule));
        }

        if (!(std >= 0) || !double.IsFinite(std))
        {
            throw new ArgumentException($"The '{schedule.Name}' schedule has std = {std} at t_next = {tNext}; expected a finite number ≥ 0.", nameof(schedule));
        }
    }
}
