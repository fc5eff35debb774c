using Smoothie.Embeddings;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>The distance kernels: the distance latent D_σ(x) (allocated or written into a buffer) and its argmax, the nearest token.</summary>
internal static partial class VocabularyOps
{
    /// <summary>
    /// The distance latent <c>D_σ(x)_j = −‖x − E_j‖² / (2σ²)</c> computed as
    /// <c>−(‖x‖² − 2x·E_jᵀ + ‖E_j‖²) / (2σ²)</c> with the cached ‖E_j‖², clamped to ≤ 0 (rounding can make a squared
    /// distance slightly negative). <c>[..., d]</c> → <c>[..., V]</c>.
    /// </summary>
    /// <param name="x">Vectors in embedding space.</param>
    /// <param name="embeddings">E.</param>
    /// <param name="sigma">The width σ &gt; 0.</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    public static Tensor ScaledNegativeSquaredDistances(Tensor x, EmbeddingMatrix embeddings, double sigma, LatentChunking? chunking = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        LatentArguments.RequireRows(x, embeddings.Dimension, embeddings.Device, nameof(x), "embedding-space input");
        LatentArguments.RequirePositiveFinite(sigma, nameof(sigma));
        TorchSharpRuntime.EnsureLoaded();
        long v = embeddings.VocabularySize;
        float inverseTwoSigmaSquared = (float)(1.0 / (2.0 * sigma * sigma));
        float inverseSigmaSquared = (float)(1.0 / (sigma * sigma));

        using var scope = NewDisposeScope();
        Tensor e = embeddings.Weights;
        Tensor norms = embeddings.SquaredNormsForCompute();
        Tensor rows = Rows(x, embeddings);
        Tensor result = ChunkedRowMap.Map(
            rows,
            v,
            v * Float32Bytes,
            chunking,
            e.requires_grad,
            (chunk, into) =>
            {
                Tensor xNorms = chunk.square().sum(1, keepdim: true).mul_(inverseTwoSigmaSquared);
                if (into is null)
                {
                    return torch.addmm(norms.unsqueeze(0), chunk, e.t(), -inverseTwoSigmaSquared, inverseSigmaSquared)
                        .sub(xNorms).clamp_max(0);
                }

                WriteDistances(chunk, e, norms, xNorms, into, inverseTwoSigmaSquared, inverseSigmaSquared);
                return into;
            });
        return result.reshape(LatentArguments.ReplaceLast(x, v)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The distance latent of <paramref name="x"/> written into <paramref name="destination"/> <c>[rows, V]</c> (rows =
    /// all but the last dimension of x flattened) with one GEMM and no <c>[rows, V]</c> temporary: the same values as
    /// <see cref="ScaledNegativeSquaredDistances(Tensor, EmbeddingMatrix, double, LatentChunking?)"/>. For building a
    /// clean latent chunk by chunk in a reused buffer; not differentiable (runs without gradients).
    /// </summary>
    /// <param name="x">Vectors in embedding space <c>[..., d]</c>.</param>
    /// <param name="embeddings">E.</param>
    /// <param name="sigma">The width σ &gt; 0.</param>
    /// <param name="destination">A contiguous float tensor <c>[rows, V]</c> in E's dtype; every element is overwritten.</param>
    /// <exception cref="ArgumentException">The destination has the wrong shape, dtype or device.</exception>
    public static void ScaledNegativeSquaredDistances(Tensor x, EmbeddingMatrix embeddings, double sigma, Tensor destination)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        LatentArguments.RequireRows(x, embeddings.Dimension, embeddings.Device, nameof(x), "embedding-space input");
        LatentArguments.RequirePositiveFinite(sigma, nameof(sigma));
        LatentArguments.RequireDestination(destination, x, embeddings.VocabularySize, nameof(destination));
        if (destination.dtype != embeddings.Weights.dtype)
        {
            throw new ArgumentException($"The destination must have E's dtype {embeddings.Weights.dtype}, got {destination.dtype}.", nameof(destination));
        }

        TorchSharpRuntime.EnsureLoaded();
        float inverseTwoSigmaSquared = (float)(1.0 / (2.0 * sigma * sigma));
        float inverseSigmaSquared = (float)(1.0 / (sigma * sigma));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor rows = Rows(x, embeddings).detach();
        Tensor xNorms = rows.square().sum(1, keepdim: true).mul_(inverseTwoSigmaSquared);
        WriteDistances(rows, embeddings.Weights.detach(), embeddings.SquaredNormsForCompute(), xNorms, destination, inverseTwoSigmaSquared, inverseSigmaSquared);
    }


    /// <summary><c>into = clamp_max(−(‖x‖² − 2x·Eᵀ + ‖E‖²)/(2σ²), 0)</c> in place (the no-gradient path of the distance latent).</summary>
    private static void WriteDistances(
        Tensor rows, Tensor e, Tensor norms, Tensor xNorms, Tensor into, float inverseTwoSigmaSquared, float inverseSigmaSquared)
    {
        // An augmented GEMM [x, −½‖x‖², −½]·[E, 1, ‖E‖²]ᵀ that folds both norms in was measured slower
        // (K = d + 2 and a per-call copy of E): docs/performance.md.
        into.copy_(norms.unsqueeze(0));
        into.addmm_(rows, e.t(), -inverseTwoSigmaSquared, inverseSigmaSquared).sub_(xNorms).clamp_max_(0);
    }

    /// <summary>
    /// The id of the nearest embedding (Euclidean) for each vector, i.e. <c>argmax_j D_σ(x)_j</c> for any σ:
    /// <c>[..., d]</c> → int64 <c>[...]</c>. Scores <c>x·E_jᵀ − ½‖E_j‖²</c>, one <c>[chunk, V]</c> block at a time.
    /// </summary>
    /// <param name="x">Vectors in embedding space.</param>
    /// <param name="embeddings">E.</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    public static Tensor NearestTokens(Tensor x, EmbeddingMatrix embeddings, LatentChunking? chunking = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        LatentArguments.RequireRows(x, embeddings.Dimension, embeddings.Device, nameof(x), "embedding-space input");
        TorchSharpRuntime.EnsureLoaded();
        long v = embeddings.VocabularySize;
        chunking ??= LatentChunking.Default;

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor e = embeddings.Weights.detach();
        Tensor norms = embeddings.SquaredNorms;
        Tensor rows = Rows(x, embeddings).detach();
        long n = rows.shape[0];
        Tensor result = torch.empty([n], ScalarType.Int64, rows.device);
        long step = Math.Max(1, Math.Min(n, chunking.RowsPerBlock(v * Float32Bytes)));

        // Scores x·E_jᵀ − ½‖E_j‖², written into one cache-sized scratch block that every block reuses.
        Tensor scratch = torch.empty([step, v], rows.dtype, rows.device);
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            Tensor scores = scratch.narrow(0, 0, length);
            scores.copy_(norms.unsqueeze(0));
            scores.addmm_(rows.narrow(0, start, length), e.t(), -0.5f, 1f);
            result.narrow(0, start, length).copy_(scores.argmax(1));
        }

        return result.reshape(LatentArguments.ReplaceLast(x, null)).MoveToOuterDisposeScope();
    }
}
