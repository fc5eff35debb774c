using static TorchSharp.torch;

namespace Smoothie.Schedulers.Schedules;

/// <summary>
/// The TESS simplex schedule: <c>ᾱ(t) = f(t)/f(0)</c> with <c>f(t) = cos²(((t + 1e-4)/(1 + 1e-4))·π/2)</c>,
/// <c>μ_t = √ᾱ</c>, <c>std_t = k·√(1 − ᾱ)</c>, prior <c>k·N(0, I)</c>.
/// </summary>
public sealed class TessSchedule : INoiseSchedule
{
    /// <summary>The offset s of the cosine schedule.</summary>
    public const double Offset = 1e-4;

    /// <summary>Creates the schedule with k 5 (<see cref="TessParameters.Default"/>).</summary>
    public TessSchedule()
        : this(TessParameters.Default)
    {
    }

    /// <summary>Creates the schedule.</summary>
    /// <param name="parameters">The simplex scale k.</param>
    /// <exception cref="ArgumentOutOfRangeException">k is not a positive finite number.</exception>
    public TessSchedule(TessParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
    }

    /// <summary>The parameters.</summary>
    public TessParameters Parameters { get; }

    /// <summary>The simplex scale k.</summary>
    public double K => Parameters.K;

    /// <inheritdoc/>
    public string Name => NoiseSchedules.Tess;

    /// <inheritdoc/>
    public double PriorScale => K;

    /// <inheritdoc/>
    public bool SupportsSde => false;

    /// <summary>ᾱ(t) = f(t)/f(0), clipped to [0, 1].</summary>
    /// <param name="t">Diffusion time in [0, 1].</param>
    public static double AlphaBar(double t)
    {
        ScheduleArguments.RequireTime(t);
        return Math.Clamp(F(t) / F(0), 0, 1);
    }

    /// <inheritdoc/>
    public double Mu(double t) => Math.Sqrt(AlphaBar(t));

    /// <inheritdoc/>
    public double Std(double t) => K * Math.Sqrt(1 - AlphaBar(t));

    /// <inheritdoc/>
    public double Beta(double t) => throw new NotSupportedException("The tess schedule defines no β(t); use the re-noise, DDPM or DDIM step.");

    /// <inheritdoc/>
    public Tensor Mu(Tensor t) => ScheduleArguments.Evaluate(t, times => AlphaBarOf(times).sqrt_());

    /// <inheritdoc/>
    public Tensor Std(Tensor t) => ScheduleArguments.Evaluate(t, times => AlphaBarOf(times).neg_().add_(1).sqrt_().mul_(K));

    private static double F(double t)
    {
        double c = Math.Cos((t + Offset) / (1 + Offset) * Math.PI / 2);
        return c * c;
    }

    private static Tensor AlphaBarOf(Tensor times) =>
        times.add(Offset).div_(1 + Offset).mul_(Math.PI / 2).cos_().pow_(2).div_(F(0)).clamp_(0.0, 1.0);
}
