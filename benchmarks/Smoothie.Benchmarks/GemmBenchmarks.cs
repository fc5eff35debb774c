using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// The reference: a plain fp32 GEMM through TorchSharp of the same shape as the vocabulary GEMMs,
/// <c>[4096, 384]·[384, 30522]</c> into a preallocated output (96 GFLOP), on all cores and on one thread.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks : IFlopCounted
{
    private Tensor a = null!;
    private Tensor b = null!;
    private Tensor output = null!;

    [GlobalSetup]
    public void Setup()
    {
        ThreadSettings.Apply();
        manual_seed(1);
        a = randn(Workloads.Rows, Workloads.Dimension);
        b = randn(30522, Workloads.Dimension);
        output = empty(Workloads.Rows, 30522);
        output.zero_();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        a.Dispose();
        b.Dispose();
        output.Dispose();
    }

    /// <summary>All cores (the library's thread setting): the rate every other benchmark is compared with.</summary>
    [Benchmark(Baseline = true)]
    public void Reference() => output.addmm_(a, b.t(), 0, 1);

    /// <summary>The same GEMM allocating its result (what an unfused <c>x·Eᵀ</c> pays in page faults).</summary>
    [Benchmark]
    public void Allocating()
    {
        using Tensor result = a.mm(b.t());
    }

    /// <summary>The same GEMM on one thread: what a single core gives (before/after of the thread setting).</summary>
    [Benchmark]
    public void OneThread()
    {
        int threads = get_num_threads();
        set_num_threads(1);
        try
        {
            output.addmm_(a, b.t(), 0, 1);
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    public double? Flops(string method) => FlopCounts.Gemm(Workloads.Rows, 30522, Workloads.Dimension);
}
