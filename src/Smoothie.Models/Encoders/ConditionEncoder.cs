using Smoothie.Models.Blocks;
using Smoothie.Models.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Models.Encoders;

/// <summary>
/// Encodes the source sequence of a sequence-to-sequence task (SPEC §3): source ids are embedded by the same (frozen)
/// token embedding matrix E as the target, optionally de-normalised (<c>e · s + m</c>, see
/// <see cref="DenoiserConfig.SourceEmbeddingScale"/>; identity by default), projected to h when d ≠ h (<c>input_projection</c>), summed with learned
/// positions (<c>position_embeddings</c>), normalised (<c>LayerNorm</c>, as BERT's embedding layer — this is what lets
/// MiniLM's embedding LayerNorm initialise it) and run through <c>blocks.{i}</c>: BERT blocks without cross-attention
/// that attend only to real source tokens. With <see cref="DenoiserConfig.ReferenceCompatible"/> it is the authors'
/// <c>ConditionEncoder</c>: only <c>blocks.{i}</c>; the caller passes the denoiser's shared position embeddings, which are
/// added to the source rows of E, with no LayerNorm and no dropout.
/// </summary>
public sealed class ConditionEncoder : nn.Module
{
    private readonly Linear? input_projection;
    private readonly Embedding? position_embeddings;
    private readonly LayerNorm? LayerNorm;
    private readonly UniformDropout? dropout;
    private readonly ModuleList<BertBlock> blocks;
    private readonly int embeddingSize;
    private readonly int maxSourceLength;
    private readonly double sourceScale;
    private readonly double sourceShift;
    private readonly bool denormalizeSource;

    /// <summary>Creates the encoder for <paramref name="config"/> (uses its condition depth, widths and maximum source length).</summary>
    /// <param name="config">A validated configuration.</param>
    public ConditionEncoder(DenoiserConfig config)
        : base(nameof(ConditionEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        embeddingSize = config.EffectiveEmbeddingSize;
        maxSourceLength = config.MaxSourceLength;
        sourceScale = config.SourceEmbeddingScale;
        sourceShift = config.SourceEmbeddingShift;
        denormalizeSource = config.HasSourceEmbeddingDenormalization;
        if (config.HasProjections)
        {
            input_projection = nn.Linear(embeddingSize, config.HiddenSize);
        }

        if (!config.ReferenceCompatible)
        {
            if (!config.SharedSourcePositions)
            {
                position_embeddings = nn.Embedding(config.MaxSourceLength, config.HiddenSize);
            }

            LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
            dropout = new UniformDropout(config.Dropout);
        }

        blocks = nn.ModuleList(Enumerable.Range(0, config.ConditionEncoderLayers)
            .Select(_ => new BertBlock(
                config.HiddenSize,
                config.AttentionHeads,
                config.EffectiveIntermediateSize,
                hasCrossAttention: false,
                config.Dropout,
                config.AttentionDropout,
                config.LayerNormEps))
            .ToArray());
        RegisterComponents();
    }

    /// <summary>Encodes a batch of source sequences.</summary>
    /// <param name="sourceIds">Token ids <c>[B, S]</c>, int64, each in [0, V).</param>
    /// <param name="sourcePaddingMask">Boolean <c>[B, S]</c>, true = real token.</param>
    /// <param name="embeddingMatrix">Token embedding matrix E <c>[V, d]</c>.</param>
    /// <param name="sharedPositions">
    /// The denoiser's position embeddings for the first S positions <c>[1, S, h]</c>: required by an encoder without a
    /// table of its own (reference-compatible, or <see cref="DenoiserConfig.SharedSourcePositions"/>), and must be null
    /// otherwise.
    /// </param>
    /// <returns>Encoded source <c>[B, S, h]</c>; padded positions hold values that nothing may attend to.</returns>
    /// <exception cref="ArgumentException">Shapes or dtypes disagree or the source is longer than the maximum.</exception>
    public Tensor forward(Tensor sourceIds, Tensor sourcePaddingMask, Tensor embeddingMatrix, Tensor? sharedPositions = null)
    {
        if ((position_embeddings is null) != (sharedPositions is not null))
        {
            throw new ArgumentException(
                position_embeddings is null
                    ? "This condition encoder (reference-compatible or SharedSourcePositions) reads the denoiser's shared position embeddings [1, S, h]; pass them."
                    : "This condition encoder has its own position embeddings; the shared positions must be null.",
                nameof(sharedPositions));
        }

        if (sourceIds.dim() != 2 || sourceIds.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"Source ids must be an int64 [B, S] tensor, got {sourceIds.dtype} [{string.Join(", ", sourceIds.shape)}].", nameof(sourceIds));
        }

        if (!sourcePaddingMask.shape.SequenceEqual(sourceIds.shape))
        {
            throw new ArgumentException(
                $"The source padding mask [{string.Join(", ", sourcePaddingMask.shape)}] must have the shape of the source ids [{string.Join(", ", sourceIds.shape)}].",
                nameof(sourcePaddingMask));
        }

        if (embeddingMatrix.dim() != 2 || embeddingMatrix.shape[1] != embeddingSize)
        {
            throw new ArgumentException($"The embedding matrix must be [V, {embeddingSize}], got [{string.Join(", ", embeddingMatrix.shape)}].", nameof(embeddingMatrix));
        }

        long batch = sourceIds.shape[0];
        long length = sourceIds.shape[1];
        if (length > maxSourceLength)
        {
            throw new ArgumentException($"The source has {length} tokens; this model accepts at most {maxSourceLength}.", nameof(sourceIds));
        }

        using var scope = NewDisposeScope();
        Tensor embedded = embeddingMatrix.index_select(0, sourceIds.reshape(-1)).view(batch, length, embeddingSize);
        if (denormalizeSource)
        {
            embedded = embedded.mul(sourceScale).add(sourceShift);
        }

        if (input_projection is not null)
        {
            embedded = input_projection.forward(embedded);
        }

        Tensor positions = position_embeddings?.forward(arange(length, dtype: ScalarType.Int64, device: sourceIds.device)).unsqueeze(0) ?? sharedPositions!;
        Tensor hidden = LayerNorm is null ? embedded + positions : dropout!.forward(LayerNorm.forward(embedded + positions));

        Tensor? mask = AttentionMask.FromKeyPadding(sourcePaddingMask);
        foreach (BertBlock block in blocks)
        {
            hidden = block.forward(hidden, mask);
        }

        return hidden.MoveToOuterDisposeScope();
    }
}
