using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// An optional capability of a latent space whose latents are V-wide: the denoiser's input
/// <c>DenoiserInput(μ·x0 + std·ε)</c> computed straight from what x_t is made of — token ids in training, a prediction
/// when the sampler re-noises, nothing for the prior — one cache-sized block of rows at a time, so that the noisy latent
/// <c>[B, L, V]</c> is never materialised. The trainer and the re-noise sampler use it when
/// <see cref="CanFuseDenoiserInput"/> holds and otherwise build x_t and map it; both draw ε ~ N(0, I), so the inputs have
/// the same distribution (not the same random numbers).
/// </summary>
public interface IFusedDenoiserInput
{
    /// <summary>
    /// Whether the fused inputs apply: no gradient has to flow through the input (E is frozen) and the space's input
    /// mapping does not need x_t itself beyond its softmax.
    /// </summary>
    bool CanFuseDenoiserInput { get; }

    /// <summary>The training input <c>[B, L, d]</c> for token ids under the forward process at per-sequence μ_t, std_t.</summary>
    /// <param name="tokenIds">Token ids <c>[B, L]</c> of the (sub-)vocabulary.</param>
    /// <param name="mu">μ_t per sequence <c>[B]</c>.</param>
    /// <param name="std">std_t per sequence <c>[B]</c>.</param>
    /// <param name="generator">Random generator for ε, or null for the global one.</param>
    /// <exception cref="InvalidOperationException"><see cref="CanFuseDenoiserInput"/> is false.</exception>
    Tensor FusedTrainingInput(Tensor tokenIds, Tensor mu, Tensor std, Generator? generator = null);

    /// <summary>
    /// The training input with ε from per-sequence streams: sequence b of <paramref name="tokenIds"/> draws from stream b,
    /// whatever else is in the batch (the sampler's start from given tokens).
    /// </summary>
    /// <param name="tokenIds">Token ids <c>[B, L]</c> of the (sub-)vocabulary.</param>
    /// <param name="mu">μ_t per sequence <c>[B]</c>.</param>
    /// <param name="std">std_t per sequence <c>[B]</c>.</param>
    /// <param name="streams">The streams of this draw: B sequences of L positions.</param>
    /// <exception cref="InvalidOperationException"><see cref="CanFuseDenoiserInput"/> is false.</exception>
    /// <exception cref="ArgumentException">The streams' shape differs from the input's.</exception>
    Tensor FusedTrainingInput(Tensor tokenIds, Tensor mu, Tensor std, SequenceNoise streams);

    /// <summary>
    /// The input after a re-noise step, <c>DenoiserInput(μ·PredictionToLatent(prediction) + std·ε)</c> <c>[B, L, d]</c>.
    /// </summary>
    /// <param name="prediction">The denoiser's prediction <c>[B, L, PredictionDimension]</c>.</param>
    /// <param name="mu">μ at the next time (finite).</param>
    /// <param name="std">std at the next time (finite, ≥ 0).</param>
    /// <param name="generator">Random generator for ε, or null for the global one.</param>
    /// <exception cref="InvalidOperationException"><see cref="CanFuseDenoiserInput"/> is false.</exception>
    Tensor FusedRenoisedInput(Tensor prediction, double mu, double std, Generator? generator = null);

    /// <summary>The input after a re-noise step with ε from per-sequence streams (sequence b draws from stream b).</summary>
    /// <param name="prediction">The denoiser's prediction <c>[B, L, PredictionDimension]</c>.</param>
    /// <param name="mu">μ at the next time (finite).</param>
    /// <param name="std">std at the next time (finite, ≥ 0).</param>
    /// <param name="streams">The streams of this draw: B sequences of L positions.</param>
    /// <exception cref="InvalidOperationException"><see cref="CanFuseDenoiserInput"/> is false.</exception>
    /// <exception cref="ArgumentException">The streams' shape differs from the prediction's.</exception>
    Tensor FusedRenoisedInput(Tensor prediction, double mu, double std, SequenceNoise streams);

    /// <summary>The input of the prior sample, <c>DenoiserInput(scale·ε)</c> <c>[batch, length, d]</c>, where the sampler starts.</summary>
    /// <param name="batch">Sequences.</param>
    /// <param name="length">Positions per sequence.</param>
    /// <param name="scale">The prior's standard deviation (finite, ≥ 0).</param>
    /// <param name="generator">Random generator for ε, or null for the global one.</param>
    /// <exception cref="InvalidOperationException"><see cref="CanFuseDenoiserInput"/> is false.</exception>
    Tensor FusedPriorInput(long batch, long length, double scale, Generator? generator = null);

    /// <summary>The input of the prior sample with ε from per-sequence streams (sequence b draws from stream b).</summary>
    /// <param name="batch">Sequences.</param>
    /// <param name="length">Positions per sequence.</param>
    /// <param name="scale">The prior's standard deviation (finite, ≥ 0).</param>
    /// <param name="streams">The streams of this draw: <paramref name="batch"/> sequences of <paramref name="length"/> positions.</param>
    /// <exception cref="InvalidOperationException"><see cref="CanFuseDenoiserInput"/> is false.</exception>
    /// <exception cref="ArgumentException">The streams' shape differs from the batch's.</exception>
    Tensor FusedPriorInput(long batch, long length, double scale, SequenceNoise streams);
}
