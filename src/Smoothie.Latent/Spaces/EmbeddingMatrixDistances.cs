using Smoothie.Embeddings;
using Smoothie.Runtime;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// The O(V) distance kernels against a token embedding matrix, as extension methods: they live with the latent spaces
/// (which own every O(V) kernel) so that <c>Smoothie.Embeddings</c> does not depend on them.
/// </summary>
public static class EmbeddingMatrixDistances
{
    /// <summary>
    /// The distance latent <c>D_σ(x)_j = −‖x − E_j‖² / (2σ²)</c> of vectors against the matrix, clamped to ≤ 0:
    /// <c>[..., d]</c> → <c>[..., V]</c>, computed one memory-bounded block at a time.
    /// </summary>
    /// <param name="embeddings">E.</param>
    /// <param name="x">Vectors in embedding space.</param>
    /// <param name="sigma">The width σ &gt; 0.</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    public static Tensor ScaledNegativeSquaredDistances(this EmbeddingMatrix embeddings, Tensor x, double sigma, LatentChunking? chunking = null) =>
        VocabularyOps.ScaledNegativeSquaredDistances(x, embeddings, sigma, chunking);

    /// <summary>The id of the nearest row of E (Euclidean) for each vector: <c>[..., d]</c> → int64 <c>[...]</c>.</summary>
    /// <param name="embeddings">E.</param>
    /// <param name="x">Vectors in embedding space.</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    public static Tensor NearestTokens(this EmbeddingMatrix embeddings, Tensor x, LatentChunking? chunking = null) =>
        VocabularyOps.NearestTokens(x, embeddings, chunking);
}
