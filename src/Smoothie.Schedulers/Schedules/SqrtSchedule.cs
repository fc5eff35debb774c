using static TorchSharp.torch;

namespace Smoothie.Schedulers.Schedules;

/// <summary>
/// The sqrt schedule (Diffusion-LM): <c>a = clip(1 − √(t + 1e-4), 0, 1)</c>, <c>μ_t = √a</c>, <c>std_t = √(1 − a)</c>,
/// prior N(0, I).
/// </summary>
public sealed class SqrtSchedule : INoiseSchedule
{
    /// <summary>The offset inside the square root.</summary>
    public const double Offset = 1e-4;

    /// <inheritdoc/>
    public string Name => NoiseSchedules.Sqrt;

    /// <inheritdoc/>
    public double PriorScale => 1.0;

    /// <inheritdoc/>
    public bool SupportsSde => false;

    /// <summary>The signal power a(t) = μ_t².</summary>
    /// <param name="t">Diffusion time in [0, 1].</param>
    public static double Alpha(double t)
    {
        ScheduleArguments.RequireTime(t);
        return Math.Clamp(1 - Math.Sqrt(t + Offset), 0, 1);
    }

    /// <inheritdoc/>
    public double Mu(double t) => Math.Sqrt(Alpha(t));

    /// <inheritdoc/>
    public double Std(double t) => Math.Sqrt(1 - Alpha(t));

    /// <inheritdoc/>
    public double Beta(double t) => throw new NotSupportedException("The sqrt schedule defines no β(t); use the re-noise, DDPM or DDIM step.");

    /// <inheritdoc/>
    public Tensor Mu(Tensor t) => ScheduleArguments.Evaluate(t, times => AlphaOf(times).sqrt_());

    /// <inheritdoc/>
    public Tensor Std(Tensor t) => ScheduleArguments.Evaluate(t, times => AlphaOf(times).neg_().add_(1).sqrt_());

    private static Tensor AlphaOf(Tensor times) => times.add(Offset).sqrt_().neg_().add_(1).clamp_(0.0, 1.0);
}
