using static TorchSharp.torch;

namespace Smoothie.Schedulers.Schedules;

/// <summary>
/// The Smoothie schedule. With t clipped to [1 − 0.9995, 0.9995]:
/// <c>σ̄(t) = (σ_max/σ_min − 1)·(2/π)·arctan(√(t/(1−t))/d) + 1</c>, <c>μ_t = σ̄⁻²</c>,
/// <c>std_t = δ·√(1 − σ̄⁻⁴)</c>, prior <c>δ·N(0, I)</c>. Multiplying the clean distance latent (width σ_min) by μ_t is
/// smoothing with width σ_min·σ̄(t), which grows from σ_min to σ_max.
/// </summary>
public sealed class ArctanSchedule : INoiseSchedule
{
    /// <summary>The smallest time the formulas use (times below are clipped): 1 − 0.9995.</summary>
    public const double MinTime = 1 - 0.9995;

    /// <summary>The largest time the formulas use (times above are clipped): 0.9995.</summary>
    public const double MaxTime = 0.9995;

    /// <summary>Creates the schedule with the paper's parameters (<see cref="ArctanParameters.Paper"/>).</summary>
    public ArctanSchedule()
        : this(ArctanParameters.Paper)
    {
    }

    /// <summary>Creates the schedule.</summary>
    /// <param name="parameters">d, δ, σ_min and σ_max.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range (ParamName names it).</exception>
    public ArctanSchedule(ArctanParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
    }

    /// <summary>The parameters.</summary>
    public ArctanParameters Parameters { get; }

    /// <summary>Time-warp scale d.</summary>
    public double D => Parameters.D;

    /// <summary>Noise scale δ.</summary>
    public double Delta => Parameters.Delta;

    /// <summary>σ_min.</summary>
    public double SigmaMin => Parameters.SigmaMin;

    /// <summary>σ_max.</summary>
    public double SigmaMax => Parameters.SigmaMax;

    /// <inheritdoc/>
    public string Name => NoiseSchedules.Arctan;

    /// <inheritdoc/>
    public double PriorScale => Delta;

    /// <inheritdoc/>
    public bool SupportsSde => true;

    /// <summary>The relative smoothing width σ̄(t) ∈ [≈1, σ_max/σ_min].</summary>
    /// <param name="t">Diffusion time in [0, 1].</param>
    public double SigmaBar(double t)
    {
        ScheduleArguments.RequireTime(t);
        double c = Math.Clamp(t, MinTime, MaxTime);
        return ((SigmaMax / SigmaMin) - 1) * (2 / Math.PI) * Math.Atan(Math.Sqrt(c / (1 - c)) / D) + 1;
    }

    /// <inheritdoc/>
    public double Mu(double t)
    {
        double s = SigmaBar(t);
        return 1 / (s * s);
    }

    /// <inheritdoc/>
    public double Std(double t)
    {
        double s = SigmaBar(t);
        return Delta * Math.Sqrt(1 - (1 / (s * s * s * s)));
    }

    /// <summary><c>β(t) = 4(σ_max/σ_min − 1)·d / (π·(d²(1−t) + t)·√(t(1−t))·σ̄(t))</c>, t clipped, i.e. −2·d log μ_t / dt.</summary>
    /// <param name="t">Diffusion time in [0, 1].</param>
    public double Beta(double t)
    {
        double s = SigmaBar(t);
        double c = Math.Clamp(t, MinTime, MaxTime);
        return 4 * ((SigmaMax / SigmaMin) - 1) * D / (Math.PI * ((D * D * (1 - c)) + c) * Math.Sqrt(c * (1 - c)) * s);
    }

    /// <inheritdoc/>
    public Tensor Mu(Tensor t) => ScheduleArguments.Evaluate(t, times => SigmaBar(times).pow(-2));

    /// <inheritdoc/>
    public Tensor Std(Tensor t) =>
        ScheduleArguments.Evaluate(t, times => SigmaBar(times).pow(-4).neg_().add_(1).sqrt_().mul_(Delta));

    private Tensor SigmaBar(Tensor times)
    {
        Tensor c = times.clamp(MinTime, MaxTime);
        return c.div(c.neg().add_(1)).sqrt_().div_(D).atan_().mul_(((SigmaMax / SigmaMin) - 1) * (2 / Math.PI)).add_(1);
    }
}
