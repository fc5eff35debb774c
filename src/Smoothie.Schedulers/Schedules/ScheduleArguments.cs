using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Schedulers.Schedules;

/// <summary>Argument checks and tensor plumbing shared by the schedules.</summary>
internal static class ScheduleArguments
{
    public static void RequireTime(double t, string paramName = "t")
    {
        if (!(t >= 0 && t <= 1))
        {
            throw new ArgumentOutOfRangeException(paramName, t, "Diffusion time must be in [0, 1].");
        }
    }

    /// <summary>
    /// Evaluates <paramref name="formula"/> on the times in float64 (on the tensor's device) and returns float32 of
    /// the same shape. Times are clamped to [0, 1] first.
    /// </summary>
    public static Tensor Evaluate(Tensor t, Func<Tensor, Tensor> formula, string paramName = "t")
    {
        ArgumentNullException.ThrowIfNull(t, paramName);
        if (!t.is_floating_point())
        {
            throw new ArgumentException($"Times must be a floating-point tensor, got {t.dtype}.", paramName);
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor times = t.detach().to(ScalarType.Float64).clamp(0.0, 1.0);
        return formula(times).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
