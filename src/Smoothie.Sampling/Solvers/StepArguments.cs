using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>Argument checks shared by the reverse steps and their engine.</summary>
internal static class StepArguments
{
    /// <summary>Checks of the out-of-place step's tensors: floating point, same shape.</summary>
    public static void ValidateTensors(Tensor noisyLatent, Tensor cleanEstimate)
    {
        ArgumentNullException.ThrowIfNull(noisyLatent);
        ArgumentNullException.ThrowIfNull(cleanEstimate);
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
    }

    /// <summary>Checks of the in-place step's arguments: x_t floating point, rank ≥ 2, contiguous; a block writer.</summary>
    public static void ValidateInPlace(Tensor noisyLatent, CleanEstimateRows cleanEstimate)
    {
        ArgumentNullException.ThrowIfNull(noisyLatent);
        ArgumentNullException.ThrowIfNull(cleanEstimate);
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
    }

    /// <summary>A schedule is given, t ∈ (0, 1] and t_next ∈ [0, t).</summary>
    public static void ValidateTimes(INoiseSchedule schedule, double t, double tNext)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (!(t > 0 && t <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The current time must be in (0, 1].");
        }

        if (!(tNext >= 0 && tNext < t))
        {
            throw new ArgumentOutOfRangeException(nameof(tNext), tNext, $"The next time must be in [0, t = {t}).");
        }
    }

    /// <summary>std_t &gt; 0, for the steps that divide by it.</summary>
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
}
