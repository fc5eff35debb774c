using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// The deterministic DDIM step: <c>ε̂ = (x_t − μ_t·x̂0)/std_t</c>, <c>x ← μ_n·x̂0 + std_n·ε̂</c>, i.e. the linear
/// combination (a, b, c) = (std_n/std_t, μ_n − std_n·μ_t/std_t, 0). No randomness.
/// </summary>
public sealed class DdimStep : IReverseStep
{
    /// <inheritdoc/>
    public string Name => ReverseSteps.Ddim;

    /// <inheritdoc/>
    public bool ForgetsNoisyLatent => false;

    /// <inheritdoc/>
    public bool NeedsBeta => false;

    /// <inheritdoc/>
    public LatentChunking? NoiseChunking => null;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">std_t is not positive (the step divides by it).</exception>
    public StepCoefficients Coefficients(INoiseSchedule schedule, double t, double tNext)
    {
        StepArguments.ValidateTimes(schedule, t, tNext);
        double stdT = StepArguments.RequireNoise(schedule, t);
        double muT = schedule.Mu(t);
        double muN = schedule.Mu(tNext);
        double stdN = schedule.Std(tNext);
        double ratio = stdN / stdT;
        return new StepCoefficients(ratio, muN - (ratio * muT), 0);
    }
}
