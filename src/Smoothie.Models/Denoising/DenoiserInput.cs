using static TorchSharp.torch;

namespace Smoothie.Models.Denoising;

/// <summary>
/// One call's inputs to <see cref="SmoothieDenoiser"/>. The tensors are borrowed, not owned: the caller disposes them.
/// </summary>
/// <param name="Noisy">The latent space's denoiser input <c>[B, L, d]</c>, floating point (e.g. <c>softmax(x_t) @ E</c>).</param>
/// <param name="Time">Diffusion times <c>[B]</c>, floating point, in [0, 1].</param>
public sealed record DenoiserInput(Tensor Noisy, Tensor Time)
{
    /// <summary>Source token ids <c>[B, S]</c>, int64; required iff the model is conditional.</summary>
    public Tensor? SourceIds { get; init; }

    /// <summary>Source padding mask <c>[B, S]</c>, bool, true = real token; null means every source token is real.</summary>
    public Tensor? SourcePaddingMask { get; init; }

    /// <summary>
    /// Token embedding matrix E <c>[V, d]</c> that embeds <see cref="SourceIds"/> (the same, normally frozen, matrix the
    /// latent space uses). It is an input, not a parameter of the model; required iff <see cref="SourceIds"/> is set.
    /// </summary>
    public Tensor? EmbeddingMatrix { get; init; }

    /// <summary>
    /// Previous prediction x̂0 <c>[B, L, d]</c> for self-conditioning; null means "no previous prediction" and is
    /// encoded as zeros (the first pass of self-conditioned training and sampling). Must be null when self-conditioning is off.
    /// </summary>
    public Tensor? SelfCondition { get; init; }
}
