using Smoothie.Schedulers;
using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// One Euler–Maruyama step of the reverse VP-SDE with β = β(t) and dt = t_next − t &lt; 0:
/// <c>ε̂ = (x_t − μ_t·x̂0)/std_t</c>, <c>score = −ε̂/std_t</c>, <c>drift = −½β·x_t − β·score</c>,
/// <c>x ← x_t + drift·dt + √β·√(−dt)·z</c>. Needs a schedule with <see cref="INoiseSchedule.SupportsSde"/>.
/// z is drawn after the drift, one noise-budget chunk of rows at a time, in place and out of place alike (same stream).
/// </summary>
/// <param name="chunking">Memory budget of the noise draw; null for 1 GiB.</param>
public sealed class SdeStep(LatentChunking? chunking = null) : IInPlaceReverseStep
{
    private readonly LatentChunking? noiseChunking = chunking;

    /// <inheritdoc/>
    public string Name => "sde";

    /// <inheritdoc/>
    public Tensor Step(Tensor noisyLatent, Tensor cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator)
    {
        StepArguments.Validate(noisyLatent, cleanEstimate, t, tNext, schedule);
        StepCoefficients c = Coefficients(t, tNext, schedule);
        using var scope = NewDisposeScope();
        Tensor result = StepArguments.Combine(c.NoisyLatent, noisyLatent, c.CleanEstimate, cleanEstimate);
        ForwardProcess.AddScaledNoiseInPlace(result, c.Noise, generator, noiseChunking);
        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void StepInPlace(
        Tensor noisyLatent, CleanEstimateRows cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator, LatentChunking? chunking = null)
    {
        StepArguments.ValidateInPlace(noisyLatent, cleanEstimate, t, tNext, schedule);
        InPlaceStepUpdate.Apply(noisyLatent, cleanEstimate, Coefficients(t, tNext, schedule), generator, chunking, noiseChunking);
    }

    private static StepCoefficients Coefficients(double t, double tNext, INoiseSchedule schedule)
    {
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
