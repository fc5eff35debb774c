using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// A reverse step that can overwrite x_t with x at t_next, building x̂0 one block of rows at a time: the extra memory is
/// one <c>[rows, D]</c> block (bounded by a <see cref="LatentChunking"/> budget) instead of two new full-size tensors
/// (x̂0 and the result). Every built-in solver is element-wise per row, <c>x ← a·x_t + b·x̂0 + c·ε</c>, so the result
/// equals <see cref="IReverseStep.Step"/>'s for the same generator state (see each implementation for the random stream).
/// </summary>
public interface IInPlaceReverseStep : IReverseStep
{
    /// <summary>Moves <paramref name="noisyLatent"/> from time <paramref name="t"/> to <paramref name="tNext"/> in place.</summary>
    /// <param name="noisyLatent">x_t <c>[..., D]</c> (rank ≥ 2, contiguous, floating point), overwritten with x at t_next.</param>
    /// <param name="cleanEstimate">Writes x̂0 of a block of rows on request; called once per block, in row order.</param>
    /// <param name="t">Current time.</param>
    /// <param name="tNext">Next (smaller) time.</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="generator">Random generator for reproducible noise, or null for the global one.</param>
    /// <param name="chunking">Budget of the x̂0 block (one <c>[rows, D]</c> buffer); null for 1 GiB.</param>
    void StepInPlace(
        Tensor noisyLatent, CleanEstimateRows cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator, LatentChunking? chunking = null);
}
