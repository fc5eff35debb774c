using BenchmarkDotNet.Attributes;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>Denoiser forward and forward+backward per preset, 64 × 48 target tokens conditioned on 64 × 48 source tokens, d = 384.</summary>
[MemoryDiagnoser]
public class DenoiserBenchmarks : IFlopCounted
{
    private SmoothieDenoiser model = null!;
    private Tensor noisy = null!;
    private Tensor time = null!;
    private Tensor sourceIds = null!;
    private Tensor sourceMask = null!;
    private Tensor embeddingTable = null!;

    [Params("Tiny", "SmallPretrained")]
    public string Preset { get; set; } = "Tiny";

    [GlobalSetup]
    public void Setup()
    {
        ThreadSettings.Apply();
        model = Workloads.Model(Preset);
        model.train();
        manual_seed(4);
        noisy = randn(Workloads.Batch, Workloads.Length, Workloads.Dimension);
        time = rand(Workloads.Batch);
        sourceIds = randint(1, 8000, [Workloads.Batch, Workloads.Length]);
        sourceMask = ones([Workloads.Batch, Workloads.Length], ScalarType.Bool);
        embeddingTable = randn(8000, Workloads.Dimension);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        model.Dispose();
        foreach (Tensor t in new[] { noisy, time, sourceIds, sourceMask, embeddingTable })
        {
            t.Dispose();
        }
    }

    [Benchmark]
    public void Forward()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.forward(Input());
    }

    [Benchmark]
    public void ForwardBackward()
    {
        using var scope = NewDisposeScope();
        model.zero_grad();
        model.forward(Input()).square().mean().backward();
    }

    public double? Flops(string method)
    {
        var config = Workloads.Preset(Preset);
        return method == nameof(Forward)
            ? FlopCounts.DenoiserForward(config, Workloads.Batch, Workloads.Length, Workloads.Length)
            : FlopCounts.DenoiserForwardBackward(config, Workloads.Batch, Workloads.Length, Workloads.Length);
    }

    private DenoiserInput Input() => new(noisy, time)
    {
        SourceIds = sourceIds,
        SourcePaddingMask = sourceMask,
        EmbeddingMatrix = embeddingTable,
    };
}
