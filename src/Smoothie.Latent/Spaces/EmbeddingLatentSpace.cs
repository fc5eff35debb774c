using Smoothie.Runtime;
using Smoothie.Embeddings;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// The Gaussian embedding-diffusion baseline: the latent of token w is its embedding E_w ∈ R^d, the denoiser sees x_t
/// itself, predicts the clean embedding (MSE), x̂0 = ê, and decoding is the nearest embedding.
/// </summary>
public sealed class EmbeddingLatentSpace : LatentSpaceBase
{
    /// <summary>Creates the space.</summary>
    /// <param name="embeddings">E (borrowed).</param>
    /// <param name="chunking">Memory budget of the nearest-embedding decode; null for 1 GiB.</param>
    public EmbeddingLatentSpace(EmbeddingMatrix embeddings, LatentChunking? chunking = null)
        : base(embeddings, chunking)
    {
    }

    /// <inheritdoc/>
    public override string Name => LatentSpaceNames.Embedding;

    /// <inheritdoc/>
    public override long LatentDimension => InputDimension;

    /// <inheritdoc/>
    public override LatentLossKind LossKind => LatentLossKind.EmbeddingMse;

    /// <inheritdoc/>
    public override long PredictionDimension => InputDimension;

    /// <inheritdoc/>
    public override Tensor CleanLatent(Tensor tokenIds) => LookUp(tokenIds, nameof(tokenIds));

    /// <inheritdoc/>
    public override Tensor DenoiserInput(Tensor noisyLatent)
    {
        RequireRows(noisyLatent, LatentDimension, nameof(noisyLatent), "noisy latent");
        return noisyLatent.to(ScalarType.Float32).clone();
    }

    /// <inheritdoc/>
    public override Tensor TrainingTarget(Tensor tokenIds) => LookUp(tokenIds, nameof(tokenIds));

    /// <inheritdoc/>
    public override Tensor PredictionToLatent(Tensor prediction)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        return prediction.to(ScalarType.Float32).clone();
    }

    /// <inheritdoc/>
    public override void PredictionToLatent(Tensor prediction, Tensor destination)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        LatentArguments.RequireDestination(destination, prediction, LatentDimension, nameof(destination));
        using var noGrad = no_grad();
        destination.copy_(prediction.reshape(destination.shape));
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor prediction)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        return VocabularyOps.NearestTokens(prediction, Embeddings, Chunking);
    }
}
