using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>Argument checks shared by the reverse steps.</summary>
internal static class StepArguments
{
    public static void Validate(Tensor noisyLatent, Tensor cleanEstimate, double t, double tNext, INoiseSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(noisyLatent);
        ArgumentNullException.ThrowIfNull(cleanEstimate);
        ArgumentNullException.ThrowIfNull(schedule);
        if (!noisyLatent.is_floating_point())
        {
            throw new ArgumentException($"x_t must be floating point, got {noisyLatent.dtype}.", nameof(noisyLatent));
        }

        if (!cleanEstimate.is_floating_point())
        {
            throw new ArgumentException($"x̂0 must be floating point, got {cleanEstimate.dtype}.", nameof(cleanEstimate));
        }

        if (!noisyLatent.shape.SequenceEqual(cleanEstimate.shape))
        {
            throw new ArgumentException(
                $"x̂0 has shape [{string.Join(", ", cleanEstimate.shape)}] but x_t has [{string.Join(", ", noisyLatent.shape)}]; they must match.",
                nameof(cleanEstimate));
        }

        ValidateTimes(t, tNext);
    }

    private static void ValidateTimes(double t, double tNext)
    {
        if (!(t > 0 && t <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The current time must be in (0, 1].");
        }

        if (!(tNext >= 0 && tNext < t))
        {
            throw new ArgumentOutOfRangeException(nameof(tNext), tNext, $"The next time must be in [0, t = {t}).");
        }
    }

    public static double RequireNoise(INoiseSchedule schedule, double t)
    {
        double std = schedule.Std(t);
        if (!(std > 0))
        {
            throw new ArgumentException(
                $"The '{schedule.Name}' schedule has std_t = {std} at t = {t}; this step divides by it.", nameof(schedule));
        }

        return std;
    }

    /// <summary>
    /// <c>a·x + b·y</c> as one new tensor (one allocation, in-place accumulation), evaluated as <c>(a·x) + b·y</c> —
    /// the same order as the in-place update, so both give bit-identical results.
    /// </summary>
    public static Tensor Combine(double a, Tensor x, double b, Tensor y)
    {
        Tensor result = x.mul(a);
        return result.add_(y, b);
    }

    /// <summary>Checks of <see cref="IInPlaceReverseStep.StepInPlace"/>'s arguments.</summary>
    public static void ValidateInPlace(Tensor noisyLatent, CleanEstimateRows cleanEstimate, double t, double tNext, INoiseSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(noisyLatent);
        ArgumentNullException.ThrowIfNull(cleanEstimate);
        ArgumentNullException.ThrowIfNull(schedule);
        if (!noisyLatent.is_floating_point())
        {
            throw new ArgumentException($"x_t must be floating point, got {noisyLatent.dtype}.", nameof(noisyLatent));
        }

        if (noisyLatent.dim() < 2)
        {
            throw new ArgumentException(
                $"x_t must have shape [..., D] with at least two dimensions, got [{string.Join(", ", noisyLatent.shape)}].", nameof(noisyLatent));
        }

        if (!noisyLatent.is_contiguous())
        {
            throw new ArgumentException("x_t must be contiguous to be updated in place.", nameof(noisyLatent));
        }

        ValidateTimes(t, tNext);
    }
}
