using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Schedulers.Steps;

/// <summary>
/// The reference sampler's default step: forget x_t and re-noise the clean estimate to the next time,
/// <c>x ← μ(t_next)·x̂0 + std(t_next)·ε</c> with fresh ε.
/// </summary>
/// <param name="chunking">Memory budget of the noise draw; null for 1 GiB.</param>
public sealed class RenoiseStep(LatentChunking? chunking = null) : IReverseStep
{
    /// <inheritdoc/>
    public string Name => "renoise";

    /// <inheritdoc/>
    public Tensor Step(Tensor noisyLatent, Tensor cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator)
    {
        StepArguments.Validate(noisyLatent, cleanEstimate, t, tNext, schedule);
        return ForwardProcess.AddNoise(cleanEstimate, schedule.Mu(tNext), schedule.Std(tNext), generator, chunking);
    }
}
