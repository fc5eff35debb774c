using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// An optional capability of a latent space: the denoiser's training input straight from token ids,
/// <c>DenoiserInput(μ_t·x0 + std_t·ε)</c>, computed one cache-sized block of rows at a time so that the noisy latent
/// x_t <c>[B, L, D]</c> is never materialised. The trainer uses it when <see cref="CanFuseTrainingInput"/> holds and
/// otherwise corrupts and maps in two steps; both draw ε ~ N(0, I), so the inputs have the same distribution
/// (not the same random numbers).
/// </summary>
public interface IFusedTrainingInput
{
    /// <summary>
    /// Whether <see cref="FusedTrainingInput"/> applies: no gradient has to flow through the input (E is frozen) and
    /// the space's input mapping is one that can be fused.
    /// </summary>
    bool CanFuseTrainingInput { get; }

    /// <summary>The denoiser input <c>[B, L, d]</c> for token ids under the forward process at per-sequence μ_t, std_t.</summary>
    /// <param name="tokenIds">Token ids <c>[B, L]</c> of the (sub-)vocabulary.</param>
    /// <param name="mu">μ_t per sequence <c>[B]</c>.</param>
    /// <param name="std">std_t per sequence <c>[B]</c>.</param>
    /// <param name="generator">Random generator for ε, or null for the global one.</param>
    /// <exception cref="InvalidOperationException"><see cref="CanFuseTrainingInput"/> is false.</exception>
    Tensor FusedTrainingInput(Tensor tokenIds, Tensor mu, Tensor std, Generator? generator = null);
}
