using Smoothie.Latent.Embeddings;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// The Smoothie space: a token is the vector of scaled negative squared distances from its embedding to every
/// vocabulary embedding, <c>D_σmin(E_w)_j = −‖E_w − E_j‖² / (2σ_min²)</c> ∈ R^V. The denoiser sees
/// <c>softmax(x_t)·E</c>, predicts the clean embedding ê (MSE), x̂0 = D_σmin(ê), and decoding is the nearest
/// embedding (= argmax of D_σmin(ê)).
/// </summary>
public sealed class DistanceLatentSpace : LatentSpaceBase
{
    /// <summary>The paper's σ_min.</summary>
    public const double DefaultSigmaMin = 1.5;

    /// <summary>Creates the space.</summary>
    /// <param name="embeddings">E (borrowed).</param>
    /// <param name="sigmaMin">The width σ_min &gt; 0 of the clean latent (default 1.5; match the Arctan schedule's σ_min).</param>
    /// <param name="chunking">Memory budget of the O(V) operations; null for 1 GiB.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigmaMin"/> is not a positive finite number.</exception>
    public DistanceLatentSpace(EmbeddingMatrix embeddings, double sigmaMin = DefaultSigmaMin, LatentChunking? chunking = null)
        : base(embeddings, chunking)
    {
        LatentArguments.RequirePositiveFinite(sigmaMin, nameof(sigmaMin));
        SigmaMin = sigmaMin;
    }

    /// <summary>The width σ_min of the clean latent.</summary>
    public double SigmaMin { get; }

    /// <inheritdoc/>
    public override string Name => "distance";

    /// <inheritdoc/>
    public override long LatentDimension => VocabularySize;

    /// <inheritdoc/>
    public override LatentLossKind LossKind => LatentLossKind.EmbeddingMse;

    /// <inheritdoc/>
    public override long PredictionDimension => InputDimension;

    /// <inheritdoc/>
    public override Tensor CleanLatent(Tensor tokenIds)
    {
        using var scope = NewDisposeScope();
        Tensor rows = LookUp(tokenIds, nameof(tokenIds));
        return VocabularyOps.ScaledNegativeSquaredDistances(rows, Embeddings, SigmaMin, Chunking).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override Tensor DenoiserInput(Tensor noisyLatent)
    {
        RequireRows(noisyLatent, LatentDimension, nameof(noisyLatent), "noisy latent");
        return VocabularyOps.SoftmaxMix(noisyLatent, Embeddings, Chunking);
    }

    /// <inheritdoc/>
    public override Tensor TrainingTarget(Tensor tokenIds) => LookUp(tokenIds, nameof(tokenIds));

    /// <inheritdoc/>
    public override Tensor PredictionToLatent(Tensor prediction)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        return VocabularyOps.ScaledNegativeSquaredDistances(prediction, Embeddings, SigmaMin, Chunking);
    }

    /// <inheritdoc/>
    public override void PredictionToLatent(Tensor prediction, Tensor destination)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        VocabularyOps.ScaledNegativeSquaredDistances(prediction, Embeddings, SigmaMin, destination);
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor prediction)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "embedding prediction");
        return VocabularyOps.NearestTokens(prediction, Embeddings, Chunking);
    }
}
