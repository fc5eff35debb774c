using Smoothie.Embeddings;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>The noisy mixes: the denoiser input <c>softmax(μ·latent + std·ε)·E</c> without materialising the noisy latent x_t.</summary>
internal static partial class VocabularyOps
{
    /// <summary>
    /// The training input of a vocabulary-wide latent without materialising x_t: row i of the result is
    /// <c>softmax(μ_i·X0[index_i] + std_i·ε_i)·E</c> with fresh ε_i ~ N(0, I_V), where <paramref name="cleanLatents"/>
    /// holds the clean latents of the distinct tokens of a batch. Works one cache-sized block of rows at a time
    /// (<see cref="LatentChunking.RowsPerBlock"/>): gather, scale, add noise, softmax and the GEMM with E all touch the
    /// same <c>[block, V]</c> buffer. Extra memory: two <c>[block, V]</c> blocks. Not differentiable (runs without gradients).
    /// </summary>
    /// <param name="cleanLatents">Clean latents of distinct tokens <c>[U, V]</c>.</param>
    /// <param name="index">For each output row, its row of <paramref name="cleanLatents"/>: int64 <c>[n]</c>.</param>
    /// <param name="mu">μ_t per output row <c>[n]</c>.</param>
    /// <param name="std">std_t per output row <c>[n]</c>.</param>
    /// <param name="embeddings">E.</param>
    /// <param name="generator">Random generator for ε, or null for the global one (ignored when <paramref name="streams"/> is given).</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    /// <param name="streams">Per-sequence noise streams of this draw (row i is row i of the draw), or null for <paramref name="generator"/>.</param>
    /// <returns>The mixes <c>[n, d]</c>.</returns>
    /// <exception cref="ArgumentException">A shape, dtype or device does not match.</exception>
    public static Tensor NoisySoftmaxMix(
        Tensor cleanLatents, Tensor index, Tensor mu, Tensor std, EmbeddingMatrix embeddings, Generator? generator = null, LatentChunking? chunking = null, SequenceNoise? streams = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        LatentArguments.RequireRows(cleanLatents, embeddings.VocabularySize, embeddings.Device, nameof(cleanLatents), "clean latents");
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(std);
        if (index.dim() != 1 || index.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"index must be an int64 vector [n], got {index.dtype} [{string.Join(", ", index.shape)}].", nameof(index));
        }

        long n = index.shape[0];
        foreach ((Tensor tensor, string name) in new[] { (mu, nameof(mu)), (std, nameof(std)) })
        {
            if (tensor.dim() != 1 || tensor.shape[0] != n || !tensor.is_floating_point())
            {
                throw new ArgumentException($"{name} must be a floating-point vector with one value per row [{n}], got {tensor.dtype} [{string.Join(", ", tensor.shape)}].", name);
            }
        }

        TorchSharpRuntime.EnsureLoaded();
        chunking ??= LatentChunking.Default;
        long v = embeddings.VocabularySize;
        long d = embeddings.Dimension;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor e = embeddings.Weights.detach();
        Tensor clean = cleanLatents.reshape(-1, v).detach().to(e.dtype);
        Tensor muRows = mu.to(e.dtype, e.device).unsqueeze(1);
        Tensor stdRows = std.to(e.dtype, e.device).unsqueeze(1);
        Tensor rowIndex = index.to(e.device);
        Tensor result = torch.empty([n, d], e.dtype, e.device);
        long step = Math.Max(1, Math.Min(n, chunking.RowsPerBlock(v * Float32Bytes)));
        Tensor noise = torch.empty([step, v], e.dtype, e.device);
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            Tensor block = clean.index_select(0, rowIndex.narrow(0, start, length));
            Tensor eps = noise.narrow(0, 0, length);
            ParallelNoise.Fill(eps, start, 1, generator, streams);
            block.mul_(muRows.narrow(0, start, length)).addcmul_(eps, stdRows.narrow(0, start, length), 1);
            MixSoftmaxInPlace(block, e, result.narrow(0, start, length));
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The re-noised input of the distance space without materialising x_t: row i of the result is
    /// <c>softmax(μ·D_σ(x_i) + std·ε_i)·E</c> with fresh ε_i ~ N(0, I_V) (D_σ clamped to ≤ 0, exactly as
    /// <see cref="ScaledNegativeSquaredDistances(Tensor, EmbeddingMatrix, double, LatentChunking?)"/>). With μ = 0 the
    /// distances are skipped: <c>softmax(std·ε)·E</c>, the input of the prior. One cache-sized block of rows at a time
    /// (<see cref="LatentChunking.RowsPerBlock"/>); extra memory: two <c>[block, V]</c> blocks. Not differentiable.
    /// </summary>
    /// <param name="x">Vectors in embedding space <c>[..., d]</c> (e.g. the denoiser's predictions ê).</param>
    /// <param name="embeddings">E.</param>
    /// <param name="sigma">The width σ &gt; 0 of the clean latent.</param>
    /// <param name="mu">The signal scale μ (finite).</param>
    /// <param name="std">The noise scale std (finite, ≥ 0).</param>
    /// <param name="generator">Random generator for ε, or null for the global one (ignored when <paramref name="streams"/> is given).</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    /// <param name="streams">Per-sequence noise streams of this draw (row i of x's <c>[n, d]</c> rows is row i of the draw), or null for <paramref name="generator"/>.</param>
    /// <returns>The mixes <c>[..., d]</c>.</returns>
    public static Tensor NoisyDistanceSoftmaxMix(
        Tensor x, EmbeddingMatrix embeddings, double sigma, double mu, double std, Generator? generator = null, LatentChunking? chunking = null, SequenceNoise? streams = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        LatentArguments.RequireRows(x, embeddings.Dimension, embeddings.Device, nameof(x), "embedding-space input");
        LatentArguments.RequirePositiveFinite(sigma, nameof(sigma));
        if (!double.IsFinite(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "μ must be a finite number.");
        }

        if (!(std >= 0) || !double.IsFinite(std))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, "std must be a finite number ≥ 0.");
        }

        TorchSharpRuntime.EnsureLoaded();
        chunking ??= LatentChunking.Default;
        long v = embeddings.VocabularySize;
        long d = embeddings.Dimension;
        float inverseTwoSigmaSquared = (float)(1.0 / (2.0 * sigma * sigma));
        float inverseSigmaSquared = (float)(1.0 / (sigma * sigma));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor e = embeddings.Weights.detach();
        Tensor norms = embeddings.SquaredNormsForCompute();
        Tensor rows = Rows(x, embeddings).detach();
        long n = rows.shape[0];
        Tensor result = torch.empty([n, d], e.dtype, e.device);
        if (mu != 0 && VocabularyAttention.Applies(rows, e))
        {
            // μ·D_σ(x) + std·ε = μ·x·Eᵀ/σ² − μ‖E‖²/(2σ²) + std·ε + (a per-row constant that cancels in the softmax):
            // one materialised [rows, V] mask of noise + bias per call of the fused-attention kernel.
            long rowsPerCall = Math.Max(1, Math.Min(n, Math.Min(chunking.RowsPerChunk(v * Float32Bytes), VocabularyAttention.MaskedRowsPerCall)));
            Tensor bias = norms.mul(-mu / (2 * sigma * sigma));
            Tensor masks = torch.empty([rowsPerCall, v], e.dtype, e.device);
            for (long start = 0; start < n; start += rowsPerCall)
            {
                using var inner = NewDisposeScope();
                long length = Math.Min(rowsPerCall, n - start);
                Tensor mask = masks.narrow(0, 0, length);
                ParallelNoise.Fill(mask, start, std, generator, streams);
                mask.add_(bias);
                VocabularyAttention.Mix(rows.narrow(0, start, length), mu / (sigma * sigma), e, mask, result.narrow(0, start, length));
            }

            return result.reshape(LatentArguments.ReplaceLast(x, d)).MoveToOuterDisposeScope();
        }

        long step = Math.Max(1, Math.Min(n, chunking.RowsPerBlock(v * Float32Bytes)));
        Tensor scores = torch.empty([step, v], e.dtype, e.device);
        Tensor noise = torch.empty([step, v], e.dtype, e.device);
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            Tensor block = scores.narrow(0, 0, length);
            if (mu == 0)
            {
                block.zero_();
            }
            else
            {
                Tensor chunk = rows.narrow(0, start, length);
                Tensor xNorms = chunk.square().sum(1, keepdim: true).mul_(inverseTwoSigmaSquared);
                WriteDistances(chunk, e, norms, xNorms, block, inverseTwoSigmaSquared, inverseSigmaSquared);
                block.mul_(mu);
            }

            Tensor eps = noise.narrow(0, 0, length);
            ParallelNoise.Fill(eps, start, std, generator, streams);
            block.add_(eps);
            MixSoftmaxInPlace(block, e, result.narrow(0, start, length));
        }

        return result.reshape(LatentArguments.ReplaceLast(x, d)).MoveToOuterDisposeScope();
    }
}
