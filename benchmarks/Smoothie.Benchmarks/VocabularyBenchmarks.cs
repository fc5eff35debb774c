using Smoothie.Runtime;
using BenchmarkDotNet.Attributes;
using Smoothie.Benchmarks.Baselines;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// The O(V) operations at B×L = 4,096 rows, d = 384, V ∈ {8,000, 30,522}, unchunked and chunked (64 MiB budget, so both
/// sizes are really split). "Legacy*" methods are the pre-optimisation code paths (Baselines/LegacyPaths.cs).
/// </summary>
[MemoryDiagnoser]
public class VocabularyBenchmarks : IFlopCounted
{
    private const double Sigma = 1.5;
    private EmbeddingMatrix embeddings = null!;
    private Tensor x = null!;
    private Tensor logits = null!;
    private Generator generator = null!;
    private LatentChunking chunking = null!;

    [Params(8000, 30522)]
    public int V { get; set; }

    [Params(false, true)]
    public bool Chunked { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ThreadSettings.Apply();
        embeddings = Workloads.RandomEmbeddings(V);
        chunking = Workloads.Chunking(Chunked);
        manual_seed(3);
        x = randn(Workloads.Rows, Workloads.Dimension);

        // Real-shaped noisy latents: D_σmin of embeddings of random tokens at μ = 0.05 plus unit noise.
        using (NewDisposeScope())
        {
            Tensor ids = randint(V, [Workloads.Rows]);
            Tensor clean = VocabularyOps.ScaledNegativeSquaredDistances(embeddings.Weights.index_select(0, ids), embeddings, Sigma);
            logits = ForwardProcess.AddNoise(clean, 0.05, 1.0).MoveToOuterDisposeScope();
        }

        generator = new Generator(1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        x.Dispose();
        logits.Dispose();
        generator.Dispose();
        embeddings.Dispose();
    }

    [Benchmark]
    public void Distance()
    {
        using Tensor r = VocabularyOps.ScaledNegativeSquaredDistances(x, embeddings, Sigma, chunking);
    }

    [Benchmark]
    public void LegacyDistance()
    {
        using Tensor r = LegacyPaths.Distances(x, embeddings, Sigma, chunking);
    }

    [Benchmark]
    public void SoftmaxMix()
    {
        using Tensor r = VocabularyOps.SoftmaxMix(logits, embeddings, chunking);
    }

    [Benchmark]
    public void LegacySoftmaxMix()
    {
        using Tensor r = LegacyPaths.SoftmaxMix(logits, embeddings, chunking);
    }

    /// <summary>The first target: distance latent followed by softmax(·)·E (two calls, the sampler's O(V) work).</summary>
    [Benchmark]
    public void DistanceThenSoftmaxMix()
    {
        using Tensor d = VocabularyOps.ScaledNegativeSquaredDistances(x, embeddings, Sigma, chunking);
        using Tensor r = VocabularyOps.SoftmaxMix(d, embeddings, chunking);
    }

    [Benchmark]
    public void LegacyDistanceThenSoftmaxMix()
    {
        using Tensor d = LegacyPaths.Distances(x, embeddings, Sigma, chunking);
        using Tensor r = LegacyPaths.SoftmaxMix(d, embeddings, chunking);
    }

    /// <summary>softmax(D_σ(x))·E without materialising the latent (fused path).</summary>
    [Benchmark]
    public void DistanceSoftmaxMixFused()
    {
        using Tensor r = VocabularyOps.DistanceSoftmaxMix(x, embeddings, Sigma, chunking);
    }

    [Benchmark]
    public void SoftmaxMixTopK64()
    {
        using Tensor r = VocabularyOps.SoftmaxMixTopK(logits, embeddings, 64, chunking);
    }

    [Benchmark]
    public void Decode()
    {
        using Tensor r = VocabularyOps.NearestTokens(x, embeddings, chunking);
    }

    [Benchmark]
    public void ForwardNoising()
    {
        using Tensor r = ForwardProcess.AddNoise(logits, 0.3, 1.0, generator, chunking);
    }

    [Benchmark]
    public void LegacyForwardNoising()
    {
        using Tensor r = LegacyPaths.AddNoise(logits, 0.3, 1.0, generator, chunking);
    }

    public double? Flops(string method) => method switch
    {
        nameof(Distance) or nameof(LegacyDistance) or nameof(SoftmaxMix) or nameof(LegacySoftmaxMix) or nameof(Decode) =>
            FlopCounts.VocabularyGemm(Workloads.Rows, V),
        nameof(DistanceThenSoftmaxMix) or nameof(LegacyDistanceThenSoftmaxMix) or nameof(DistanceSoftmaxMixFused) =>
            2 * FlopCounts.VocabularyGemm(Workloads.Rows, V),
        _ => null, // noising and top-k have no GEMM: report time only
    };
}
