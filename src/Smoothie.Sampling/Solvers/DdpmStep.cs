using Smoothie.Schedulers;
using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// The ancestral DDPM step with ᾱ = μ²: <c>a = ᾱ_t/ᾱ_n</c>, <c>var = std_n²(1 − a)/(1 − ᾱ_t)</c>,
/// <c>mean = √a(1 − ᾱ_n)/(1 − ᾱ_t)·x_t + √ᾱ_n(1 − a)/(1 − ᾱ_t)·x̂0</c>, <c>x ← mean + √var·ε</c>.
/// ε is drawn after the mean, one noise-budget chunk of rows at a time, in place and out of place alike (same stream).
/// </summary>
/// <param name="chunking">Memory budget of the noise draw; null for 1 GiB.</param>
public sealed class DdpmStep(LatentChunking? chunking = null) : IInPlaceReverseStep
{
    private readonly LatentChunking? noiseChunking = chunking;

    /// <inheritdoc/>
    public string Name => "ddpm";

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
        double muT = schedule.Mu(t);
        double muN = schedule.Mu(tNext);
        double stdN = schedule.Std(tNext);
        double alphaBarT = muT * muT;
        double alphaBarN = muN * muN;
        double oneMinusAlphaBarT = 1 - alphaBarT;
        if (!(oneMinusAlphaBarT > 0) || !(alphaBarN > 0))
        {
            throw new ArgumentException(
                $"The '{schedule.Name}' schedule has ᾱ_t = {alphaBarT} at t = {t} and ᾱ_n = {alphaBarN} at t_next = {tNext}; DDPM needs 0 < ᾱ_t < 1 and ᾱ_n > 0.",
                nameof(schedule));
        }

        double a = alphaBarT / alphaBarN;
        double variance = Math.Max(0, stdN * stdN * (1 - a) / oneMinusAlphaBarT);
        double xCoefficient = Math.Sqrt(a) * (1 - alphaBarN) / oneMinusAlphaBarT;
        double x0Coefficient = Math.Sqrt(alphaBarN) * (1 - a) / oneMinusAlphaBarT;
        return new StepCoefficients(xCoefficient, x0Coefficient, Math.Sqrt(variance));
    }
}
