using Smoothie.Embeddings;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// The O(V) operations between per-position vectors and the vocabulary, each computed with one GEMM per chunk of rows
/// (never a <c>[rows, V, d]</c> broadcast) and in bounded extra memory (<see cref="LatentChunking"/>).
/// Inputs have shape <c>[..., d]</c> or <c>[..., V]</c>; leading dimensions are flattened to rows and restored.
/// Without gradients the chunks are written in place into the preallocated result; with gradients (trainable E or
/// an input requiring grad) the chunk results are concatenated so autograd sees ordinary ops.
/// </summary>
internal static class VocabularyOps
{
    private const int Float32Bytes = 4;

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
        Tensor result = MapRows(
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
        Tensor result = MapRows(
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

        Tensor result = MapRows(
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
    /// <param name="generator">Random generator for ε, or null for the global one.</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    /// <returns>The mixes <c>[n, d]</c>.</returns>
    /// <exception cref="ArgumentException">A shape, dtype or device does not match.</exception>
    public static Tensor NoisySoftmaxMix(
        Tensor cleanLatents, Tensor index, Tensor mu, Tensor std, EmbeddingMatrix embeddings, Generator? generator = null, LatentChunking? chunking = null)
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
            ParallelNoise.Fill(eps, 1, generator);
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
    /// <param name="generator">Random generator for ε, or null for the global one.</param>
    /// <param name="chunking">Memory budget; null for <see cref="LatentChunking.Default"/>.</param>
    /// <returns>The mixes <c>[..., d]</c>.</returns>
    public static Tensor NoisyDistanceSoftmaxMix(
        Tensor x, EmbeddingMatrix embeddings, double sigma, double mu, double std, Generator? generator = null, LatentChunking? chunking = null)
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
                ParallelNoise.Fill(mask, std, generator);
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
            ParallelNoise.Fill(eps, std, generator);
            block.add_(eps);
            MixSoftmaxInPlace(block, e, result.narrow(0, start, length));
        }

        return result.reshape(LatentArguments.ReplaceLast(x, d)).MoveToOuterDisposeScope();
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

    /// <summary>
    /// Splits <paramref name="rows"/> <c>[n, ·]</c> into chunks that fit the budget and maps each to <c>[chunk, width]</c>.
    /// Without gradients, <paramref name="map"/> writes into a slice of one preallocated result; with gradients it
    /// returns a new tensor and the chunks are concatenated. A <paramref name="reducing"/> map (its <c>[chunk, V]</c>
    /// temporaries reduce to a narrow result) runs without gradients in cache-sized blocks
    /// (<see cref="LatentChunking.RowsPerBlock"/>).
    /// </summary>
    private static Tensor MapRows(
        Tensor rows, long width, long bytesPerRow, LatentChunking? chunking, bool parameterRequiresGrad, Func<Tensor, Tensor?, Tensor> map, bool reducing = false)
    {
        chunking ??= LatentChunking.Default;
        long n = rows.shape[0];
        long step = chunking.RowsPerChunk(bytesPerRow);
        bool withGrad = is_grad_enabled() && (parameterRequiresGrad || rows.requires_grad);
        if (withGrad)
        {
            if (n <= step)
            {
                return map(rows, null);
            }

            var parts = new List<Tensor>();
            for (long start = 0; start < n; start += step)
            {
                parts.Add(map(rows.narrow(0, start, Math.Min(step, n - start)), null));
            }

            return torch.cat(parts, 0);
        }

        using var noGrad = no_grad();
        if (reducing)
        {
            // A reducing map's [block, V] temporaries never leave the block: keep them cache-sized.
            step = chunking.RowsPerBlock(bytesPerRow);
        }

        // Every map overwrites its slice completely (copy or GEMM with β = 0), so the result need not be zero-filled.
        Tensor result = torch.empty([n, width], rows.dtype, rows.device);
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            map(rows.narrow(0, start, length), result.narrow(0, start, length));
        }

        return result;
    }

    /// <summary>The input as contiguous float rows <c>[n, last]</c> in E's dtype.</summary>
    private static Tensor Rows(Tensor x, EmbeddingMatrix embeddings)
    {
        Tensor typed = x.dtype == embeddings.Weights.dtype ? x : x.to(embeddings.Weights.dtype);
        return typed.reshape(-1, x.shape[^1]);
    }
}
