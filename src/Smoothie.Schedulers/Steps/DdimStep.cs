using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Schedulers.Steps;

/// <summary>
/// The deterministic DDIM step: <c>ε̂ = (x_t − μ_t·x̂0)/std_t</c>, <c>x ← μ_n·x̂0 + std_n·ε̂</c>, computed as one
/// linear combination <c>(std_n/std_t)·x_t + (μ_n − std_n·μ_t/std_t)·x̂0</c>.
/// </summary>
public sealed class DdimStep : IReverseStep
{
    /// <inheritdoc/>
    public string Name => "ddim";

    /// <inheritdoc/>
    public Tensor Step(Tensor noisyLatent, Tensor cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator)
    {
        StepArguments.Validate(noisyLatent, cleanEstimate, t, tNext, schedule);
        double stdT = StepArguments.RequireNoise(schedule, t);
        double muT = schedule.Mu(t);
        double muN = schedule.Mu(tNext);
        double stdN = schedule.Std(tNext);
        double ratio = stdN / stdT;
        using var scope = NewDisposeScope();
        return StepArguments.Combine(ratio, noisyLatent, muN - (ratio * muT), cleanEstimate).MoveToOuterDisposeScope();
    }
}
