using static TorchSharp.torch;

namespace Smoothie.Models.Denoising;

/// <summary>
/// What the trainer and sampler need from a denoiser: its module (parameters, train/eval, state) and one prediction
/// call. <see cref="SmoothieDenoiserNetwork"/> adapts the paper's UNet-style transformer; researchers can plug in
/// any other network.
/// </summary>
public interface IDenoiserNetwork
{
    /// <summary>The underlying module (its trainable parameters are optimised; its state is checkpointed).</summary>
    nn.Module Module { get; }

    /// <summary>True when <see cref="Predict"/> accepts a self-conditioning input.</summary>
    bool SupportsSelfConditioning { get; }

    /// <summary>Predicts the clean data.</summary>
    /// <param name="input">The latent space's denoiser input <c>[B, L, d]</c>.</param>
    /// <param name="time">Diffusion times <c>[B]</c> (float32).</param>
    /// <param name="sourceIds">Source token ids <c>[B, S]</c>, or null when unconditional.</param>
    /// <param name="sourceMask">Source mask <c>[B, S]</c>, true at real tokens, or null.</param>
    /// <param name="selfCondition">The previous estimate in input form <c>[B, L, d]</c>, or null.</param>
    /// <returns>The prediction <c>[B, L, P]</c>: embeddings (P = d) or token logits (P = V).</returns>
    Tensor Predict(Tensor input, Tensor time, Tensor? sourceIds, Tensor? sourceMask, Tensor? selfCondition);
}
