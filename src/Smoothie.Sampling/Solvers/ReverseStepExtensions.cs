using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// Applies any <see cref="IReverseStep"/>'s coefficients to tensors, out of place or in place. For a given generator
/// state both give the same result bit for bit and consume the same random numbers (see each solver for its stream).
/// </summary>
public static class ReverseStepExtensions
{
    /// <summary>Moves the latent from time <paramref name="t"/> to <paramref name="tNext"/>: <c>a·x_t + b·x̂0 + c·ε</c>.</summary>
    /// <param name="solver">The reverse step.</param>
    /// <param name="noisyLatent">x_t, <c>[B, L, D]</c> (rank ≥ 2), floating point.</param>
    /// <param name="cleanEstimate">x̂0 in the same latent space and shape.</param>
    /// <param name="t">Current time in (0, 1].</param>
    /// <param name="tNext">Next time in [0, t).</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="generator">Random generator for reproducible noise, or null for the global one.</param>
    /// <returns>x at <paramref name="tNext"/>, a new tensor.</returns>
    /// <exception cref="ArgumentException">An argument is invalid or the schedule cannot serve the step (the message names it).</exception>
    public static Tensor Step(this IReverseStep solver, Tensor noisyLatent, Tensor cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator) =>
        ReverseStepEngine.Step(solver, noisyLatent, cleanEstimate, t, tNext, schedule, generator);

    /// <summary>
    /// Moves <paramref name="noisyLatent"/> from time <paramref name="t"/> to <paramref name="tNext"/> in place, building
    /// x̂0 one block of rows at a time: the extra memory is one <c>[rows, D]</c> block (bounded by
    /// <paramref name="chunking"/>) instead of two new full-size tensors (x̂0 and the result).
    /// </summary>
    /// <param name="solver">The reverse step.</param>
    /// <param name="noisyLatent">x_t <c>[..., D]</c> (rank ≥ 2, contiguous, floating point), overwritten with x at t_next.</param>
    /// <param name="cleanEstimate">Writes x̂0 of a block of rows on request; called once per block, in row order.</param>
    /// <param name="t">Current time in (0, 1].</param>
    /// <param name="tNext">Next time in [0, t).</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="generator">Random generator for reproducible noise, or null for the global one.</param>
    /// <param name="chunking">Budget of the x̂0 block (one <c>[rows, D]</c> buffer); null for 1 GiB.</param>
    /// <exception cref="ArgumentException">An argument is invalid or the schedule cannot serve the step (the message names it).</exception>
    public static void StepInPlace(
        this IReverseStep solver, Tensor noisyLatent, CleanEstimateRows cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator, LatentChunking? chunking = null) =>
        ReverseStepEngine.StepInPlace(solver, noisyLatent, cleanEstimate, t, tNext, schedule, generator, chunking);
}
