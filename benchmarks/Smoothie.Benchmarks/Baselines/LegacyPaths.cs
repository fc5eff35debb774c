using Smoothie.Runtime;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks.Baselines;

/// <summary>
/// The code paths as they were before the performance work (copied from src at commit b60d3bd, no-grad paths only),
/// kept here so every optimisation is measured against its predecessor in the same run.
/// </summary>
internal static class LegacyPaths
{
    /// <summary>Old distance latent: result zero-filled, ‖E‖² copied into each chunk, GEMM, then a separate ‖x‖² pass and clamp.</summary>
    public static Tensor Distances(Tensor x, EmbeddingMatrix embeddings, double sigma, LatentChunking chunking)
    {
        float inverseTwoSigmaSquared = (float)(1.0 / (2.0 * sigma * sigma));
        float inverseSigmaSquared = (float)(1.0 / (sigma * sigma));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor e = embeddings.Weights;
        Tensor norms = embeddings.SquaredNorms;
        Tensor rows = x.reshape(-1, x.shape[^1]);
        long v = embeddings.VocabularySize, n = rows.shape[0];
        Tensor result = zeros([n, v]);
        long step = chunking.RowsPerChunk(v * 4);
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            Tensor chunk = rows.narrow(0, start, length);
            Tensor into = result.narrow(0, start, length);
            Tensor xNorms = chunk.square().sum(1, keepdim: true).mul_(inverseTwoSigmaSquared);
            into.copy_(norms.unsqueeze(0));
            into.addmm_(chunk, e.t(), -inverseTwoSigmaSquared, inverseSigmaSquared).sub_(xNorms).clamp_max_(0);
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Old softmax(x)·E: result zero-filled, one freshly allocated probability block per chunk.</summary>
    public static Tensor SoftmaxMix(Tensor logits, EmbeddingMatrix embeddings, LatentChunking chunking)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor e = embeddings.Weights;
        long v = embeddings.VocabularySize, d = embeddings.Dimension;
        Tensor rows = logits.reshape(-1, v);
        long n = rows.shape[0];
        Tensor result = zeros([n, d]);
        long step = chunking.RowsPerChunk(v * 4);
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            Tensor probabilities = rows.narrow(0, start, length).softmax(1);
            result.narrow(0, start, length).addmm_(probabilities, e, 0, 1);
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The fused softmax(D_σ(x))·E before cache-sized blocks: one budget-sized <c>[chunk, V]</c> block of scores per chunk
    /// (at the default 1 GiB budget, all 4,096 rows at once).
    /// </summary>
    public static Tensor DistanceSoftmaxMix(Tensor x, EmbeddingMatrix embeddings, double sigma, LatentChunking chunking)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor e = embeddings.Weights;
        long v = embeddings.VocabularySize, d = embeddings.Dimension;
        Tensor norms = embeddings.SquaredNorms;
        Tensor rows = x.reshape(-1, d);
        long n = rows.shape[0];
        Tensor result = empty([n, d]);
        long step = chunking.RowsPerChunk(v * 4);
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            Tensor scores = addmm(norms.unsqueeze(0), rows.narrow(0, start, length), e.t(), (float)(-1 / (2 * sigma * sigma)), (float)(1 / (sigma * sigma)));
            scores.sub_(scores.amax([1], keepdim: true)).exp_();
            Tensor total = scores.sum(1, keepdim: true);
            result.narrow(0, start, length).addmm_(scores, e, 0, 1).div_(total);
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The fused softmax(D_σ(x))·E before the fused-attention kernel (2026-12-01, commit 2139400): cache-sized (16 MiB)
    /// blocks of scores, each written by a GEMM, exponentiated in place in three passes, and multiplied with E.
    /// </summary>
    public static Tensor BlockedDistanceSoftmaxMix(Tensor x, EmbeddingMatrix embeddings, double sigma) =>
        DistanceSoftmaxMix(x, embeddings, sigma, new LatentChunking(LatentChunking.CacheBlockBytes)); // blocks of 16 MiB

    /// <summary>
    /// The re-noised input softmax(μ·D_σ(x) + std·ε)·E before the fused-attention kernel (commit 2139400): per 16 MiB block,
    /// the distance latent by GEMM + clamp, scaled, ε drawn by one <c>normal_</c>, three softmax passes, GEMM with E.
    /// </summary>
    public static Tensor BlockedNoisyDistanceSoftmaxMix(Tensor x, EmbeddingMatrix embeddings, double sigma, double mu, double std, Generator? generator)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor e = embeddings.Weights;
        long v = embeddings.VocabularySize, d = embeddings.Dimension;
        Tensor norms = embeddings.SquaredNorms;
        Tensor rows = x.reshape(-1, d);
        long n = rows.shape[0];
        float inverseTwoSigmaSquared = (float)(1.0 / (2.0 * sigma * sigma));
        float inverseSigmaSquared = (float)(1.0 / (sigma * sigma));
        Tensor result = empty([n, d]);
        long step = Math.Max(1, Math.Min(n, LatentChunking.Default.RowsPerBlock(v * 4)));
        Tensor scores = empty([step, v]);
        Tensor noise = empty([step, v]);
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            Tensor block = scores.narrow(0, 0, length);
            Tensor chunk = rows.narrow(0, start, length);
            Tensor xNorms = chunk.square().sum(1, keepdim: true).mul_(inverseTwoSigmaSquared);
            block.copy_(norms.unsqueeze(0));
            block.addmm_(chunk, e.t(), -inverseTwoSigmaSquared, inverseSigmaSquared).sub_(xNorms).clamp_max_(0);
            block.mul_(mu);
            block.add_(noise.narrow(0, 0, length).normal_(0, 1, generator), std);
            MixSoftmaxInPlace(block, e, result.narrow(0, start, length));
        }

        return result.MoveToOuterDisposeScope();
    }

    private static void MixSoftmaxInPlace(Tensor scores, Tensor e, Tensor into)
    {
        scores.sub_(scores.amax([1], keepdim: true)).exp_();
        Tensor total = scores.sum(1, keepdim: true);
        into.addmm_(scores, e, 0, 1).div_(total);
    }

    /// <summary>Old forward noising: <c>x0·μ</c> into a new tensor, then one freshly allocated ε chunk per chunk added to it.</summary>
    public static Tensor AddNoise(Tensor x0, double mu, double std, Generator? generator, LatentChunking chunking)
    {
        using var scope = NewDisposeScope();
        Tensor result = x0.mul(mu);
        long width = result.shape[^1];
        Tensor rows = result.view(-1, width);
        long n = rows.shape[0];
        long step = chunking.RowsPerChunk(width * 4);
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            Tensor noise = randn([length, width], result.dtype, result.device, generator: generator);
            rows.narrow(0, start, length).add_(noise, std);
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Old training corruption: the clean latent of every position, then a full-size ε tensor.</summary>
    public static Tensor Corrupt(ILatentSpace space, INoiseSchedule schedule, Tensor ids, Tensor t)
    {
        using var scope = NewDisposeScope();
        Tensor x0 = space.CleanLatent(ids);
        Tensor mu = schedule.Mu(t).view(-1, 1, 1);
        Tensor std = schedule.Std(t).view(-1, 1, 1);
        return x0.mul_(mu).add_(randn_like(x0).mul_(std)).MoveToOuterDisposeScope();
    }
}
