using static TorchSharp.torch;

namespace Smoothie.Embeddings;

/// <summary>How <see cref="EmbeddingMatrix.FromTokenEmbeddings"/> builds the tensor E.</summary>
public sealed class EmbeddingMatrixOptions
{
    /// <summary>The normalisation applied once (default <see cref="EmbeddingNormalization.Total"/>, as in the paper).</summary>
    public EmbeddingNormalization Normalization { get; init; } = EmbeddingNormalization.Total;

    /// <summary>
    /// Rows whose token text makes this predicate true are left out of the normalisation statistics (default:
    /// <see cref="EmbeddingRowFilters.BertUnusedTokens"/>, which excludes nothing on vocabularies without
    /// <c>[unused…]</c> tokens).
    /// </summary>
    public Func<string, bool> ExcludeFromStatistics { get; init; } = EmbeddingRowFilters.BertUnusedTokens;

    /// <summary>The device E lives on (default: CPU).</summary>
    public Device? Device { get; init; }

    /// <summary>
    /// When <see langword="true"/>, E requires gradients (fine-tuned with the denoiser); the default keeps E frozen as in
    /// the paper. Trainable matrices compute ‖E_j‖² on every call instead of using the cached values.
    /// </summary>
    public bool Trainable { get; init; }
}
