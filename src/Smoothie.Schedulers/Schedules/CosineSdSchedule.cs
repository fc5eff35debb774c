using static TorchSharp.torch;

namespace Smoothie.Schedulers.Schedules;

/// <summary>
/// The embedding-diffusion baseline schedule: <c>μ_t = 1/√(1 + tan²(πt/2)·d²)</c> clipped to [0, 1],
/// <c>std_t = √(1 − μ_t²)</c>, prior N(0, I).
/// </summary>
public sealed class CosineSdSchedule : INoiseSchedule
{
    /// <summary>Creates the schedule with d 9 (<see cref="CosineSdParameters.Default"/>).</summary>
    public CosineSdSchedule()
        : this(CosineSdParameters.Default)
    {
    }

    /// <summary>Creates the schedule.</summary>
    /// <param name="parameters">The scale d.</param>
    /// <exception cref="ArgumentOutOfRangeException">d is not a positive finite number.</exception>
    public CosineSdSchedule(CosineSdParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
    }

    /// <summary>The parameters.</summary>
    public CosineSdParameters Parameters { get; }

    /// <summary>Scale d.</summary>
    public double D => Parameters.D;

    /// <inheritdoc/>
    public string Name => NoiseSchedules.CosineSd;

    /// <inheritdoc/>
    public double PriorScale => 1.0;

    /// <inheritdoc/>
    public bool SupportsSde => false;

    /// <inheritdoc/>
    public double Mu(double t)
    {
        ScheduleArguments.RequireTime(t);
        double tan = Math.Tan(Math.PI * t / 2);
        return Math.Clamp(1 / Math.Sqrt(1 + (tan * tan * D * D)), 0, 1);
    }

    /// <inheritdoc/>
    public double Std(double t)
    {
        double mu = Mu(t);
        return Math.Sqrt(1 - (mu * mu));
    }

    /// <inheritdoc/>
    public double Beta(double t) => throw new NotSupportedException("The cosine-sd schedule defines no β(t); use the re-noise, DDPM or DDIM step.");

    /// <inheritdoc/>
    public Tensor Mu(Tensor t) => ScheduleArguments.Evaluate(t, MuOf);

    /// <inheritdoc/>
    public Tensor Std(Tensor t) => ScheduleArguments.Evaluate(t, times => MuOf(times).pow_(2).neg_().add_(1).clamp_min_(0).sqrt_());

    private Tensor MuOf(Tensor times) =>
        times.mul(Math.PI / 2).tan_().pow_(2).mul_(D * D).add_(1).rsqrt_().clamp_(0.0, 1.0);
}
