using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using Smoothie.Sampling;

namespace Smoothie.Benchmarks;

/// <summary>
/// A whole generation of 64 sequences × 48 tokens with the Tiny denoiser, V = 8,000, re-noise solver. The step count is
/// 5 by default (a reduced variant: time scales linearly with steps, see docs/performance.md); pass
/// <c>--generation-steps 200</c> for the paper's 200, or use the <c>generate</c> mode for one timed full run.
/// </summary>
[MemoryDiagnoser]
public class GenerationBenchmarks : IFlopCounted
{
    private const int Vocabulary = 8000;
    private EmbeddingMatrix embeddings = null!;
    private SmoothieDenoiser model = null!;
    private DiffusionSampler sampler = null!;
    private Seq2SeqBatch sources = null!;

    /// <summary>Set by <c>--generation-steps N</c>.</summary>
    public static int? StepsFromCommandLine { get; set; }

    public static IEnumerable<int> StepValues => [StepsFromCommandLine ?? 5];

    [ParamsSource(nameof(StepValues))]
    public int Steps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ThreadSettings.Apply();
        embeddings = Workloads.RandomEmbeddings(Vocabulary);
        model = Workloads.Model("Tiny");
        sampler = new DiffusionSampler(new SmoothieDenoiserNetwork(model, embeddings.Weights), new DistanceLatentSpace(embeddings, sigmaMin: ArctanParameters.Paper.SigmaMin), new ArctanSchedule(), new RenoiseStep());
        sources = Workloads.RandomSources(Vocabulary);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        sources.Dispose();
        model.Dispose();
        embeddings.Dispose();
    }

    [Benchmark]
    public long[][] Generate() => sampler.Generate(Workloads.Batch, Workloads.Length, sources, new SamplingOptions { Steps = Steps, Seed = 1 });

    public double? Flops(string method) => FlopCounts.Generation(Workloads.Preset("Tiny"), Workloads.Batch, Workloads.Length, Vocabulary, Steps);

    /// <summary>One timed generation outside BenchmarkDotNet (for the full 200 steps), with peak RSS.</summary>
    public static int TimeOnce(int steps)
    {
        ThreadSettings.Apply();
        var bench = new GenerationBenchmarks { Steps = steps };
        bench.Setup();
        var clock = Stopwatch.StartNew();
        bench.Generate();
        clock.Stop();
        double flops = bench.Flops(nameof(Generate))!.Value;
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generate: 64 x 48 tokens, V = {Vocabulary}, Tiny, {steps} steps: {clock.Elapsed.TotalSeconds:F1} s ({clock.Elapsed.TotalSeconds / steps:F3} s/step), {flops / 1e9:F0} GFLOP, {flops / clock.Elapsed.TotalSeconds / 1e9:F1} GFLOP/s, peak RSS {process.PeakWorkingSet64 / 1048576.0:F0} MiB"));
        bench.Cleanup();
        return 0;
    }
}
