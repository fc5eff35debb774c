using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// The representation in which diffusion runs. The trainer and sampler only talk to this contract, so the
/// Smoothie distance space, Gaussian embedding space and TESS simplex space swap without special cases.
/// Shapes: token ids <c>[B, L]</c> (int64); latents <c>[B, L, D]</c> with <c>D = </c><see cref="LatentDimension"/>;
/// denoiser inputs and embedding predictions <c>[B, L, d]</c>; token logits <c>[B, L, V]</c>.
/// Every method returns new tensors and leaves its inputs untouched; callers own the results (use a dispose scope).
/// </summary>
public interface ILatentSpace
{
    /// <summary>A short name: <c>distance</c>, <c>embedding</c> or <c>simplex</c>.</summary>
    string Name { get; }

    /// <summary>The width D of a latent vector: V for distance and simplex, d for embedding.</summary>
    long LatentDimension { get; }

    /// <summary>The width d of the denoiser's input (the embedding width).</summary>
    long InputDimension { get; }

    /// <summary>How training compares prediction and data.</summary>
    LatentLossKind LossKind { get; }

    /// <summary>The width of the denoiser's prediction: d for embedding MSE, V for a token head.</summary>
    long PredictionDimension { get; }

    /// <summary>The clean latent x0 of token ids <c>[B, L]</c> → <c>[B, L, D]</c>.</summary>
    /// <param name="tokenIds">Token ids of the (sub-)vocabulary.</param>
    Tensor CleanLatent(Tensor tokenIds);

    /// <summary>What the denoiser sees for a noisy latent x_t <c>[B, L, D]</c> → <c>[B, L, d]</c>.</summary>
    /// <param name="noisyLatent">x_t.</param>
    Tensor DenoiserInput(Tensor noisyLatent);

    /// <summary>
    /// What the denoiser sees for x_t when the forward process that produced it is known: x_t = μ_t·x0 + std_t·ε with one
    /// μ_t and std_t per sequence. Spaces whose input does not use them return <see cref="DenoiserInput(Tensor)"/>.
    /// </summary>
    /// <param name="noisyLatent">x_t <c>[B, L, D]</c>.</param>
    /// <param name="mu">μ_t per sequence <c>[B]</c>.</param>
    /// <param name="std">std_t per sequence <c>[B]</c>.</param>
    Tensor DenoiserInput(Tensor noisyLatent, Tensor mu, Tensor std) => DenoiserInput(noisyLatent);

    /// <summary>The training target for token ids: embeddings <c>[B, L, d]</c> (MSE) or the ids themselves (cross-entropy).</summary>
    /// <param name="tokenIds">Token ids <c>[B, L]</c>.</param>
    Tensor TrainingTarget(Tensor tokenIds);

    /// <summary>The clean-latent estimate x̂0 <c>[B, L, D]</c> from a denoiser prediction (<c>[B, L, PredictionDimension]</c>).</summary>
    /// <param name="prediction">The denoiser's output.</param>
    Tensor PredictionToLatent(Tensor prediction);

    /// <summary>
    /// Writes the clean-latent estimate x̂0 of a block of rows into <paramref name="destination"/> instead of returning a
    /// new tensor, so that a sampler can build x̂0 one chunk of rows at a time in a reused buffer. The values equal
    /// <see cref="PredictionToLatent(Tensor)"/>'s rows. The default implementation computes that tensor and copies it;
    /// the built-in spaces override it to write in place (no <c>[rows, D]</c> temporary).
    /// </summary>
    /// <param name="prediction">The denoiser's output for the rows, <c>[rows, PredictionDimension]</c> (any leading shape with that many rows).</param>
    /// <param name="destination">A float32 tensor <c>[rows, D]</c> on the space's device; every element is overwritten.</param>
    /// <exception cref="ArgumentException">The destination does not hold one <c>D</c>-wide row per prediction row.</exception>
    void PredictionToLatent(Tensor prediction, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        LatentArguments.RequireDestination(destination, prediction, LatentDimension, nameof(destination));
        using var scope = NewDisposeScope();
        Tensor latent = PredictionToLatent(prediction);
        destination.copy_(latent.reshape(destination.shape));
    }

    /// <summary>Token ids <c>[B, L]</c> from a denoiser prediction: nearest embedding, or argmax of the logits.</summary>
    /// <param name="prediction">The denoiser's output.</param>
    Tensor Decode(Tensor prediction);

    /// <summary>
    /// A sample of the prior the sampler starts from: <c>scale · N(0, I)</c> of shape <c>[B, L, D]</c>, float32, on the
    /// device of the space (added to the original contract so that samplers need not know D or the device).
    /// </summary>
    /// <param name="batchSize">B ≥ 1.</param>
    /// <param name="length">L ≥ 1.</param>
    /// <param name="scale">The prior standard deviation (the schedule's prior scale), ≥ 0.</param>
    /// <param name="generator">Random generator for reproducible noise, or null for the global one.</param>
    Tensor PriorSample(long batchSize, long length, double scale, Generator? generator);
}
