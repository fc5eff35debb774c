using Smoothie.Embeddings;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// What the three latent spaces share: the borrowed embedding matrix, the chunking budget, argument checks, the
/// embedding lookup and the prior sample. Not a contract — the contract is <see cref="ILatentSpace"/>.
/// </summary>
public abstract class LatentSpaceBase : ILatentSpace
{
    /// <summary>Creates the shared state.</summary>
    /// <param name="embeddings">E (borrowed: the space never disposes it).</param>
    /// <param name="chunking">Memory budget of the O(V) operations; null for <see cref="LatentChunking.Default"/>.</param>
    protected LatentSpaceBase(EmbeddingMatrix embeddings, LatentChunking? chunking)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        TorchSharpRuntime.EnsureLoaded();
        Embeddings = embeddings;
        Chunking = chunking ?? LatentChunking.Default;
    }

    /// <summary>The embedding matrix E the space is built on (borrowed, not owned).</summary>
    public EmbeddingMatrix Embeddings { get; }

    /// <summary>The memory budget of the O(V) operations.</summary>
    public LatentChunking Chunking { get; }

    /// <summary>The vocabulary size V.</summary>
    public long VocabularySize => Embeddings.VocabularySize;

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract long LatentDimension { get; }

    /// <inheritdoc/>
    public long InputDimension => Embeddings.Dimension;

    /// <inheritdoc/>
    public abstract LatentLossKind LossKind { get; }

    /// <inheritdoc/>
    public abstract long PredictionDimension { get; }

    /// <inheritdoc/>
    public abstract Tensor CleanLatent(Tensor tokenIds);

    /// <inheritdoc/>
    public abstract Tensor DenoiserInput(Tensor noisyLatent);

    /// <inheritdoc/>
    public virtual Tensor DenoiserInput(Tensor noisyLatent, Tensor mu, Tensor std) => DenoiserInput(noisyLatent);

    /// <inheritdoc/>
    public abstract Tensor TrainingTarget(Tensor tokenIds);

    /// <inheritdoc/>
    public abstract Tensor PredictionToLatent(Tensor prediction);

    /// <inheritdoc/>
    public virtual void PredictionToLatent(Tensor prediction, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        LatentArguments.RequireDestination(destination, prediction, LatentDimension, nameof(destination));
        using var scope = NewDisposeScope();
        Tensor latent = PredictionToLatent(prediction);
        destination.copy_(latent.reshape(destination.shape));
    }

    /// <inheritdoc/>
    public abstract Tensor Decode(Tensor prediction);

    /// <inheritdoc/>
    public Tensor PriorSample(long batchSize, long length, double scale, Generator? generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (!(scale >= 0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The prior scale must be a finite number ≥ 0.");
        }

        using var scope = NewDisposeScope();
        Tensor noise = torch.randn([batchSize, length, LatentDimension], ScalarType.Float32, Embeddings.Device, generator: generator);
        return noise.mul_(scale).MoveToOuterDisposeScope();
    }

    /// <summary>The embedding rows E_w of token ids: <c>[...]</c> → <c>[..., d]</c> (validated).</summary>
    /// <param name="tokenIds">Token ids in <c>[0, V)</c>.</param>
    /// <param name="paramName">The caller's argument name, for errors.</param>
    protected Tensor LookUp(Tensor tokenIds, string paramName)
    {
        LatentArguments.RequireTokenIds(tokenIds, VocabularySize, Embeddings.Device, paramName);
        using var scope = NewDisposeScope();
        Tensor flat = tokenIds.to(ScalarType.Int64).flatten();
        return Embeddings.Weights.index_select(0, flat)
            .reshape([.. tokenIds.shape, Embeddings.Dimension])
            .MoveToOuterDisposeScope();
    }

    /// <summary>Validates a tensor <c>[..., width]</c> on the space's device.</summary>
    /// <param name="x">The tensor.</param>
    /// <param name="width">The required last dimension.</param>
    /// <param name="paramName">The caller's argument name, for errors.</param>
    /// <param name="what">What the tensor is, for errors.</param>
    protected void RequireRows(Tensor x, long width, string paramName, string what) =>
        LatentArguments.RequireRows(x, width, Embeddings.Device, paramName, what);

    /// <summary>Writes the ±k one-hot latent of <paramref name="ids"/> (flattened to rows) into <paramref name="destination"/> <c>[rows, V]</c>.</summary>
    /// <param name="ids">Validated token ids.</param>
    /// <param name="k">The simplex scale.</param>
    /// <param name="destination">A contiguous float tensor <c>[ids.numel(), V]</c>; every element is overwritten.</param>
    protected static void SignedOneHot(Tensor ids, double k, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(destination);
        using var scope = NewDisposeScope();
        Tensor flat = ids.to(ScalarType.Int64).reshape(-1, 1);
        destination.fill_(-k);
        destination.scatter_(1, flat, torch.full([flat.shape[0], 1], k, destination.dtype, destination.device));
    }

    /// <summary>The ±k one-hot latent <c>k·(2·onehot(ids) − 1)</c>: <c>[...]</c> → <c>[..., V]</c>.</summary>
    /// <param name="ids">Validated token ids.</param>
    /// <param name="k">The simplex scale.</param>
    protected Tensor SignedOneHot(Tensor ids, double k)
    {
        using var scope = NewDisposeScope();
        Tensor flat = ids.to(ScalarType.Int64).reshape(-1, 1);
        Tensor result = torch.full([flat.shape[0], VocabularySize], -k, ScalarType.Float32, Embeddings.Device);
        result.scatter_(1, flat, torch.full([flat.shape[0], 1], k, ScalarType.Float32, Embeddings.Device));
        return result.reshape([.. ids.shape, VocabularySize]).MoveToOuterDisposeScope();
    }
}
