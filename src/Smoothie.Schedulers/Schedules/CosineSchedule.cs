using static TorchSharp.torch;

namespace Smoothie.Schedulers.Schedules;

/// <summary>
/// The variance-preserving (VP-SDE) schedule: <c>log μ_t = −¼t²(β1 − β0) − ½tβ0</c>, <c>std_t = √(1 − μ_t²)</c>,
/// prior N(0, I), and the linear noise rate <c>β(t) = β0 + t(β1 − β0)</c> (= −2·d log μ_t / dt).
/// </summary>
public sealed class CosineSchedule : INoiseSchedule
{
    /// <summary>Creates the schedule with β0 0.1 and β1 20 (<see cref="CosineParameters.Default"/>).</summary>
    public CosineSchedule()
        : this(CosineParameters.Default)
    {
    }

    /// <summary>Creates the schedule.</summary>
    /// <param name="parameters">β0 and β1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range (ParamName names it).</exception>
    public CosineSchedule(CosineParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        Parameters = parameters;
    }

    /// <summary>The parameters.</summary>
    public CosineParameters Parameters { get; }

    /// <summary>β0.</summary>
    public double Beta0 => Parameters.Beta0;

    /// <summary>β1.</summary>
    public double Beta1 => Parameters.Beta1;

    /// <inheritdoc/>
    public string Name => NoiseSchedules.Cosine;

    /// <inheritdoc/>
    public double PriorScale => 1.0;

    /// <inheritdoc/>
    public bool SupportsSde => true;

    /// <inheritdoc/>
    public double Mu(double t)
    {
        ScheduleArguments.RequireTime(t);
        return Math.Exp((-0.25 * t * t * (Beta1 - Beta0)) - (0.5 * t * Beta0));
    }

    /// <inheritdoc/>
    public double Std(double t)
    {
        double mu = Mu(t);
        return Math.Sqrt(1 - (mu * mu));
    }

    /// <inheritdoc/>
    public double Beta(double t)
    {
        ScheduleArguments.RequireTime(t);
        return Beta0 + (t * (Beta1 - Beta0));
    }

    /// <inheritdoc/>
    public Tensor Mu(Tensor t) => ScheduleArguments.Evaluate(t, MuOf);

    /// <inheritdoc/>
    public Tensor Std(Tensor t) => ScheduleArguments.Evaluate(t, times => MuOf(times).pow_(2).neg_().add_(1).sqrt_());

    private Tensor MuOf(Tensor times) =>
        times.square().mul_(-0.25 * (Beta1 - Beta0)).sub_(times.mul(0.5 * Beta0)).exp_();
}
