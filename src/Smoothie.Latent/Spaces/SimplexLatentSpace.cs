using Smoothie.Runtime;
using Smoothie.Embeddings;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// The TESS simplex baseline: the latent of token w is <c>k·(2·onehot(w) − 1)</c> ∈ R^V, the denoiser sees
/// <c>softmax(x_t)·E</c> and predicts V-way token logits (cross-entropy against the ids), x̂0 =
/// <c>k·(2·onehot(argmax logits) − 1)</c>, and decoding is the argmax of the logits.
/// </summary>
public sealed class SimplexLatentSpace : LatentSpaceBase
{
    /// <summary>Creates the space.</summary>
    /// <param name="embeddings">E (borrowed), used for the denoiser input.</param>
    /// <param name="k">The simplex scale k &gt; 0; use the Tess schedule's k (its default and range are owned by <c>Smoothie.Schedulers.Schedules.TessParameters</c>).</param>
    /// <param name="chunking">Memory budget of the O(V) operations; null for 1 GiB.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not a positive finite number.</exception>
    public SimplexLatentSpace(EmbeddingMatrix embeddings, double k, LatentChunking? chunking = null)
        : base(embeddings, chunking)
    {
        LatentArguments.RequirePositiveFinite(k, nameof(k));
        K = k;
    }

    /// <summary>The simplex scale k.</summary>
    public double K { get; }

    /// <inheritdoc/>
    public override string Name => LatentSpaceNames.Simplex;

    /// <inheritdoc/>
    public override long LatentDimension => VocabularySize;

    /// <inheritdoc/>
    public override LatentLossKind LossKind => LatentLossKind.TokenCrossEntropy;

    /// <inheritdoc/>
    public override long PredictionDimension => VocabularySize;

    /// <inheritdoc/>
    public override Tensor CleanLatent(Tensor tokenIds)
    {
        LatentArguments.RequireTokenIds(tokenIds, VocabularySize, Embeddings.Device, nameof(tokenIds));
        return SignedOneHot(tokenIds, K);
    }

    /// <inheritdoc/>
    public override Tensor DenoiserInput(Tensor noisyLatent)
    {
        RequireRows(noisyLatent, LatentDimension, nameof(noisyLatent), "noisy latent");
        return VocabularyOps.SoftmaxMix(noisyLatent, Embeddings, Chunking);
    }

    /// <summary>The token ids themselves (int64), the target of the cross-entropy.</summary>
    /// <param name="tokenIds">Token ids <c>[B, L]</c>.</param>
    public override Tensor TrainingTarget(Tensor tokenIds)
    {
        LatentArguments.RequireTokenIds(tokenIds, VocabularySize, Embeddings.Device, nameof(tokenIds));
        return tokenIds.to(ScalarType.Int64).clone();
    }

    /// <inheritdoc/>
    public override Tensor PredictionToLatent(Tensor prediction)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "token logits");
        using var scope = NewDisposeScope();
        Tensor ids = prediction.detach().argmax(-1);
        return SignedOneHot(ids, K).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override void PredictionToLatent(Tensor prediction, Tensor destination)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "token logits");
        LatentArguments.RequireDestination(destination, prediction, LatentDimension, nameof(destination));
        using var scope = NewDisposeScope();
        SignedOneHot(prediction.detach().argmax(-1), K, destination);
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor prediction)
    {
        RequireRows(prediction, PredictionDimension, nameof(prediction), "token logits");
        return prediction.detach().argmax(-1);
    }
}
