using Smoothie.Sampling;
using Smoothie.Runtime;
using Smoothie.Embeddings;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Smoothie.Training.Data;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>Shared shapes and inputs of the benchmarks (random data of the real shapes; seeded).</summary>
internal static class Workloads
{
    /// <summary>The embedding width of MiniLM / bert-base-uncased sub-vocabularies.</summary>
    public const int Dimension = 384;

    /// <summary>Rows (B×L) of the O(V) benchmarks: the 4,096.</summary>
    public const int Rows = 4096;

    /// <summary>The training/sampling batch: 64 sequences × 48 tokens.</summary>
    public const int Batch = 64;

    /// <summary>Target (and source) length.</summary>
    public const int Length = 48;

    /// <summary>Budget of the "chunked" variant: small enough that V = 8,000 and V = 30,522 at 4,096 rows are both split.</summary>
    public const long ChunkedBudgetBytes = 64L << 20;

    public static LatentChunking Chunking(bool chunked) => chunked ? new LatentChunking(ChunkedBudgetBytes) : LatentChunking.Unbounded;

    /// <summary>A random, normalised E <c>[V, d]</c> (Gaussian entries, as a trained table after normalisation).</summary>
    public static EmbeddingMatrix RandomEmbeddings(int vocabulary, int dimension = Dimension, int seed = 7)
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        var random = new Random(seed);
        string[] tokens = Enumerable.Range(0, vocabulary).Select(i => $"t{i}").ToArray();
        float[] weights = new float[(long)vocabulary * dimension];
        for (long i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)Gaussian(random);
        }

        return EmbeddingMatrix.FromTokenEmbeddings(new TokenEmbeddings(tokens, weights, dimension, "random"));
    }

    /// <summary>A named preset with the benchmark's embedding width d = 384 (dropout as configured by the preset).</summary>
    public static DenoiserConfig Preset(string name) => name switch
    {
        "Tiny" => ModelPreset.Tiny with { EmbeddingSize = Dimension },
        "SmallPretrained" => ModelPreset.SmallPretrained with { EmbeddingSize = Dimension },
        _ => throw new ArgumentException($"Unknown preset '{name}'.", nameof(name)),
    };

    /// <summary>A random seq2seq corpus of <paramref name="rows"/> rows of <see cref="Length"/> tokens (no padding).</summary>
    public static TokenizedCorpus RandomCorpus(int vocabulary, int rows, int seed = 11)
    {
        var random = new Random(seed);
        long[] Row() => Enumerable.Range(0, Length).Select(_ => (long)random.Next(1, vocabulary)).ToArray();
        var targets = Enumerable.Range(0, rows).Select(_ => Row()).ToList();
        var sources = Enumerable.Range(0, rows).Select(_ => Row()).ToList();
        return new TokenizedCorpus(targets, sources, Length, Length, sourcePadId: 0);
    }

    /// <summary>A source batch of <see cref="Batch"/> × <see cref="Length"/> random ids.</summary>
    public static Seq2SeqBatch RandomSources(int vocabulary, int seed = 13)
    {
        var random = new Random(seed);
        var sources = Enumerable.Range(0, Batch).Select(_ => Enumerable.Range(0, Length).Select(_ => (long)random.Next(1, vocabulary)).ToArray()).ToList();
        return Seq2SeqBatch.FromSources(sources, 0, CPU);
    }

    public static SmoothieDenoiser Model(string preset, int seed = 5)
    {
        manual_seed(seed);
        return new SmoothieDenoiser(Preset(preset));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
