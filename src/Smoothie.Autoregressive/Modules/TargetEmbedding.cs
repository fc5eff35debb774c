using Smoothie.Autoregressive.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Modules;

/// <summary>
/// The decoder's input, embedded as the diffusion denoiser embeds its target: each token's row of the frozen embedding
/// matrix E, projected to the hidden width (<c>input_projection</c>, only when d ≠ h), plus learned positions
/// (<c>position_embeddings</c>), then dropout. E is never a parameter: it comes with each call.
/// </summary>
public sealed class TargetEmbedding : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear? input_projection;
    private readonly Embedding position_embeddings;
    private readonly Dropout dropout;
    private readonly int embeddingSize;
    private readonly int maxLength;

    /// <summary>Creates the embedding layer for <paramref name="config"/>.</summary>
    /// <param name="config">A validated configuration.</param>
    public TargetEmbedding(AutoregressiveConfig config)
        : base(nameof(TargetEmbedding))
    {
        ArgumentNullException.ThrowIfNull(config);
        embeddingSize = config.EmbeddingSize;
        maxLength = config.MaxTargetLength;
        if (config.EmbeddingSize != config.HiddenSize)
        {
            input_projection = nn.Linear(config.EmbeddingSize, config.HiddenSize);
        }

        position_embeddings = nn.Embedding(config.MaxTargetLength, config.HiddenSize);
        dropout = nn.Dropout(config.Dropout);
        RegisterComponents();
    }

    /// <summary>Embeds decoder input tokens.</summary>
    /// <param name="tokenIds">Codec (full-vocabulary) ids <c>[B, L]</c>, int64, L ≤ the maximum target length.</param>
    /// <param name="embeddingMatrix">The token embedding matrix E <c>[V, d]</c>.</param>
    /// <returns>Hidden states <c>[B, L, h]</c>.</returns>
    /// <exception cref="ArgumentException">The ids are not a 2-D int64 tensor, are too long, or E has the wrong width.</exception>
    public override Tensor forward(Tensor tokenIds, Tensor embeddingMatrix)
    {
        ArgumentNullException.ThrowIfNull(tokenIds);
        ArgumentNullException.ThrowIfNull(embeddingMatrix);
        if (tokenIds.dim() != 2 || tokenIds.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"Decoder input ids must be an int64 [B, L] tensor, got {tokenIds.dtype} [{string.Join(", ", tokenIds.shape)}].", nameof(tokenIds));
        }

        if (tokenIds.shape[1] > maxLength)
        {
            throw new ArgumentException($"The decoder input has {tokenIds.shape[1]} tokens; this model accepts at most {maxLength}.", nameof(tokenIds));
        }

        if (embeddingMatrix.dim() != 2 || embeddingMatrix.shape[1] != embeddingSize)
        {
            throw new ArgumentException($"The embedding matrix must be [V, {embeddingSize}], got [{string.Join(", ", embeddingMatrix.shape)}].", nameof(embeddingMatrix));
        }

        using var scope = NewDisposeScope();
        long batch = tokenIds.shape[0];
        long length = tokenIds.shape[1];
        Tensor embedded = embeddingMatrix.index_select(0, tokenIds.reshape(-1)).view(batch, length, embeddingSize);
        Tensor hidden = input_projection is null ? embedded : input_projection.forward(embedded);
        Tensor positions = position_embeddings.forward(arange(length, dtype: ScalarType.Int64, device: tokenIds.device)).unsqueeze(0);
        return dropout.forward(hidden + positions).MoveToOuterDisposeScope();
    }
}
