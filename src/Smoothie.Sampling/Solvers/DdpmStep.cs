using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// The ancestral DDPM step with ᾱ = μ²: <c>a = ᾱ_t/ᾱ_n</c>, <c>var = std_n²(1 − a)/(1 − ᾱ_t)</c>,
/// <c>mean = √a(1 − ᾱ_n)/(1 − ᾱ_t)·x_t + √ᾱ_n(1 − a)/(1 − ᾱ_t)·x̂0</c>, <c>x ← mean + √var·ε</c>.
/// The engine draws ε after the mean, one noise-budget chunk of rows at a time, in place and out of place alike.
/// </summary>
/// <param name="chunking">Memory budget of the noise draw; null for 1 GiB.</param>
public sealed class DdpmStep(LatentChunking? chunking = null) : IReverseStep
{
    /// <inheritdoc/>
    public string Name => ReverseSteps.Ddpm;

    /// <inheritdoc/>
    public bool ForgetsNoisyLatent => false;

    /// <inheritdoc/>
    public bool NeedsBeta => false;

    /// <inheritdoc/>
    public LatentChunking? NoiseChunking { get; } = chunking;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The schedule does not give 0 &lt; ᾱ_t &lt; 1 and ᾱ_n &gt; 0.</exception>
    public StepCoefficients Coefficients(INoiseSchedule schedule, double t, double tNext)
    {
        StepArguments.ValidateTimes(schedule, t, tNext);
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
