using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// One Euler–Maruyama step of the reverse VP-SDE with β = β(t) and dt = t_next − t &lt; 0:
/// <c>ε̂ = (x_t − μ_t·x̂0)/std_t</c>, <c>score = −ε̂/std_t</c>, <c>drift = −½β·x_t − β·score</c>,
/// <c>x ← x_t + drift·dt + √β·√(−dt)·z</c>, i.e. (a, b, c) = (1 − ½β·dt + β·dt/std_t², −β·dt·μ_t/std_t², √(−β·dt)).
/// Needs a schedule with <see cref="INoiseSchedule.SupportsSde"/> (<see cref="NeedsBeta"/>). The engine draws z after the
/// drift, one noise-budget chunk of rows at a time, in place and out of place alike.
/// </summary>
/// <param name="chunking">Memory budget of the noise draw; null for 1 GiB.</param>
public sealed class SdeStep(LatentChunking? chunking = null) : IReverseStep
{
    /// <inheritdoc/>
    public string Name => ReverseSteps.Sde;

    /// <inheritdoc/>
    public bool ForgetsNoisyLatent => false;

    /// <inheritdoc/>
    public bool NeedsBeta => true;

    /// <inheritdoc/>
    public LatentChunking? NoiseChunking { get; } = chunking;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The schedule defines no β(t), or std_t is not positive.</exception>
    public StepCoefficients Coefficients(INoiseSchedule schedule, double t, double tNext)
    {
        StepArguments.ValidateTimes(schedule, t, tNext);
        if (!schedule.SupportsSde)
        {
            throw new ArgumentException(
                $"The '{schedule.Name}' schedule defines no β(t); the SDE step needs one (arctan or cosine).", nameof(schedule));
        }

        double stdT = StepArguments.RequireNoise(schedule, t);
        double muT = schedule.Mu(t);
        double beta = schedule.Beta(t);
        double dt = tNext - t;

        // x + (−½β·x + β·(x − μ·x̂0)/std²)·dt  =  (1 − ½β·dt + β·dt/std²)·x − (β·dt·μ/std²)·x̂0.
        double inverseVariance = 1 / (stdT * stdT);
        double xCoefficient = 1 - (0.5 * beta * dt) + (beta * dt * inverseVariance);
        double x0Coefficient = -beta * dt * muT * inverseVariance;
        return new StepCoefficients(xCoefficient, x0Coefficient, Math.Sqrt(beta * -dt));
    }
}
