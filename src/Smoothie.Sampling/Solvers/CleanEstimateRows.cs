using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// Writes the clean estimate x̂0 of a block of consecutive rows (positions) of the latent into a buffer, so that an
/// in-place reverse step needs only one block of x̂0 at a time (e.g. a latent space's
/// <c>PredictionToLatent(prediction rows, destination)</c>).
/// </summary>
/// <param name="firstRow">Index of the block's first row in the latent viewed as <c>[B·L, D]</c>.</param>
/// <param name="destination">
/// <c>[rows, D]</c>, contiguous, to be overwritten completely with x̂0 of rows
/// <c>[firstRow, firstRow + rows)</c>. Must not read the noisy latent: the step may already have overwritten it.
/// </param>
public delegate void CleanEstimateRows(long firstRow, Tensor destination);
