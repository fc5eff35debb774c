using Smoothie.Embeddings;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>The softmax mixes <c>softmax(scores)·E</c>: from logits, from their top k, and straight from embedding-space vectors.</summary>
internal static partial class VocabularyOps
{
    /// <summary>
    /// <c>into = softmax(scores)·E</c> for a <c>[rows, V]</c> block of scores, which is overwritten (it ends as the
    /// unnormalised probabilities): the row maximum is subtracted and exponentiated in place, and the normalisation is
    /// applied to the <c>[rows, d]</c> product instead of the <c>[rows, V]</c> block.
    /// </summary>
    private static void MixSoftmaxInPlace(Tensor scores, Tensor e, Tensor into)
    {
        scores.sub_(scores.amax([1], keepdim: true)).exp_();
        Tensor total = scores.sum(1, keepdim: true);
        into.addmm_(scores, e, 0, 1).div_(total);
    }


    /// <summary>
    /// The convex mix of embeddings <c>softmax(logits)·E</c> that the denoiser sees: <c>[..., V]</c> → <c>[..., d]</c>.
    /// Extra memory: one <c>[chunk, V]</c> block of probabilities.
    /// </summary>
    /// <param name="logits">Scores over the vocabulary (e.g. a noisy distance or simplex latent).</param>
    /// <param name="embeddings">E.</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    public static Tensor SoftmaxMix(Tensor logits, EmbeddingMatrix embeddings, LatentChunking? chunking = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        LatentArguments.RequireRows(logits, embeddings.VocabularySize, embeddings.Device, nameof(logits), "vocabulary scores");
        TorchSharpRuntime.EnsureLoaded();
        long v = embeddings.VocabularySize;
        long d = embeddings.Dimension;

        using var scope = NewDisposeScope();
        Tensor e = embeddings.Weights;
        Tensor rows = Rows(logits, embeddings);
        Tensor result = ChunkedRowMap.Map(
            rows,
            d,
            v * Float32Bytes,
            chunking,
            e.requires_grad,
            (chunk, into) =>
            {
                using var inner = NewDisposeScope();
                Tensor probabilities = chunk.softmax(1);
                if (into is null)
                {
                    return probabilities.mm(e).MoveToOuterDisposeScope();
                }

                into.addmm_(probabilities, e, 0, 1);
                return into;
            },
            reducing: true);
        return result.reshape(LatentArguments.ReplaceLast(logits, d)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// An approximation of <see cref="SoftmaxMix"/> that keeps only the <paramref name="k"/> largest logits of each row:
    /// <c>softmax(top-k(logits))·E[top-k]</c>. Cost O(V) for the selection plus O(k·d) per row instead of the
    /// O(V·d) GEMM. Off by default everywhere; its error depends on how peaked the softmax is (large t: flat, large
    /// error) — docs/performance.md reports it measured on MiniLM embeddings. Not differentiable with respect to E.
    /// </summary>
    /// <param name="logits">Scores over the vocabulary <c>[..., V]</c>.</param>
    /// <param name="embeddings">E.</param>
    /// <param name="k">How many entries to keep per row, 1 ≤ k ≤ V.</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    public static Tensor SoftmaxMixTopK(Tensor logits, EmbeddingMatrix embeddings, int k, LatentChunking? chunking = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        LatentArguments.RequireRows(logits, embeddings.VocabularySize, embeddings.Device, nameof(logits), "vocabulary scores");
        if (k < 1 || k > embeddings.VocabularySize)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and the vocabulary size {embeddings.VocabularySize}.");
        }

        TorchSharpRuntime.EnsureLoaded();
        long v = embeddings.VocabularySize;
        long d = embeddings.Dimension;
        chunking ??= LatentChunking.Default;

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor e = embeddings.Weights.detach();
        Tensor rows = Rows(logits, embeddings).detach();
        long n = rows.shape[0];
        Tensor result = torch.empty([n, d], rows.dtype, rows.device);

        // Extra memory per row: k values, k indices and the gathered k×d embeddings.
        long step = chunking.RowsPerChunk(k * (8L + 4L + (d * Float32Bytes)));
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            (Tensor values, Tensor indices) = rows.narrow(0, start, length).topk(k, 1, largest: true, sorted: false);
            Tensor weights = values.softmax(1).unsqueeze(1);
            Tensor gathered = e.index_select(0, indices.reshape(-1)).view(length, k, d);
            result.narrow(0, start, length).copy_(weights.bmm(gathered).squeeze(1));
        }

        return result.reshape(LatentArguments.ReplaceLast(logits, d)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The mix <c>softmax(D_σ(x))·E</c> straight from embedding-space vectors, without materialising the
    /// <c>[..., V]</c> distance latent: <c>[..., d]</c> → <c>[..., d]</c>. Extra memory: one <c>[chunk, V]</c> block.
    /// </summary>
    /// <param name="x">Vectors in embedding space.</param>
    /// <param name="embeddings">E.</param>
    /// <param name="sigma">The width σ &gt; 0.</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    public static Tensor DistanceSoftmaxMix(Tensor x, EmbeddingMatrix embeddings, double sigma, LatentChunking? chunking = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        LatentArguments.RequireRows(x, embeddings.Dimension, embeddings.Device, nameof(x), "embedding-space input");
        LatentArguments.RequirePositiveFinite(sigma, nameof(sigma));
        TorchSharpRuntime.EnsureLoaded();
        long v = embeddings.VocabularySize;
        long d = embeddings.Dimension;
        float inverseTwoSigmaSquared = (float)(1.0 / (2.0 * sigma * sigma));
        float inverseSigmaSquared = (float)(1.0 / (sigma * sigma));

        using var scope = NewDisposeScope();
        Tensor e = embeddings.Weights;
        Tensor norms = embeddings.SquaredNormsForCompute();
        Tensor rows = Rows(x, embeddings);
        if (VocabularyAttention.Applies(rows, e))
        {
            // ‖x‖² is constant along the row, so it cancels in the softmax: scores = x·Eᵀ/σ² − ‖E‖²/(2σ²), all rows in
            // one fused-attention call (no [rows, V] block in memory).
            using var noGrad = no_grad();
            Tensor fused = torch.empty([rows.shape[0], d], rows.dtype, rows.device);
            VocabularyAttention.Mix(rows.detach(), 1 / (sigma * sigma), e.detach(), norms.mul(-1 / (2 * sigma * sigma)), fused);
            return fused.reshape(LatentArguments.ReplaceLast(x, d)).MoveToOuterDisposeScope();
        }

        Tensor result = ChunkedRowMap.Map(
            rows,
            d,
            v * Float32Bytes,
            chunking,
            e.requires_grad,
            (chunk, into) =>
            {
                using var inner = NewDisposeScope();

                // ‖x‖² is constant along the row, so it cancels in the softmax: scores = (2x·Eᵀ − ‖E‖²) / (2σ²).
                Tensor scores = torch.addmm(norms.unsqueeze(0), chunk, e.t(), -inverseTwoSigmaSquared, inverseSigmaSquared);
                if (into is null)
                {
                    return scores.softmax(1).mm(e).MoveToOuterDisposeScope();
                }

                MixSoftmaxInPlace(scores, e, into);
                return into;
            },
            reducing: true);
        return result.reshape(LatentArguments.ReplaceLast(x, d)).MoveToOuterDisposeScope();
    }
}
