using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// The deterministic DDIM step: <c>ε̂ = (x_t − μ_t·x̂0)/std_t</c>, <c>x ← μ_n·x̂0 + std_n·ε̂</c>, computed as one
/// linear combination <c>(std_n/std_t)·x_t + (μ_n − std_n·μ_t/std_t)·x̂0</c>. No randomness.
/// </summary>
public sealed class DdimStep : IInPlaceReverseStep
{
    /// <inheritdoc/>
    public string Name => "ddim";

    /// <inheritdoc/>
    public Tensor Step(Tensor noisyLatent, Tensor cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator)
    {
        StepArguments.Validate(noisyLatent, cleanEstimate, t, tNext, schedule);
        StepCoefficients c = Coefficients(t, tNext, schedule);
        using var scope = NewDisposeScope();
        return StepArguments.Combine(c.NoisyLatent, noisyLatent, c.CleanEstimate, cleanEstimate).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void StepInPlace(
        Tensor noisyLatent, CleanEstimateRows cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator, LatentChunking? chunking = null)
    {
        StepArguments.ValidateInPlace(noisyLatent, cleanEstimate, t, tNext, schedule);
        InPlaceStepUpdate.Apply(noisyLatent, cleanEstimate, Coefficients(t, tNext, schedule), generator, chunking, null);
    }

    private static StepCoefficients Coefficients(double t, double tNext, INoiseSchedule schedule)
    {
        double stdT = StepArguments.RequireNoise(schedule, t);
        double muT = schedule.Mu(t);
        double muN = schedule.Mu(tNext);
        double stdN = schedule.Std(tNext);
        double ratio = stdN / stdT;
        return new StepCoefficients(ratio, muN - (ratio * muT), 0);
    }
}
