using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// The yardstick: this CPU's compute-bound GEMM rate (<see cref="GemmPeak"/>'s cache-friendly shapes into preallocated
/// outputs; "% of GEMM" is computed against the fastest of them), and the vocabulary-shaped GEMM
/// <c>[4096, 384]·[384, 30522]</c> into a preallocated output (96 GFLOP, memory-bound: its 477 MiB result), allocating,
/// and on one thread.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks : IFlopCounted
{
    private Tensor a = null!;
    private Tensor b = null!;
    private Tensor output = null!;
    private Tensor panelA = null!;
    private Tensor panelB = null!;
    private Tensor panelC = null!;
    private Tensor squareA = null!;
    private Tensor squareB = null!;
    private Tensor squareC = null!;

    [GlobalSetup]
    public void Setup()
    {
        ThreadSettings.Apply();
        manual_seed(1);
        a = randn(Workloads.Rows, Workloads.Dimension);
        b = randn(30522, Workloads.Dimension);
        output = empty(Workloads.Rows, 30522);
        output.zero_();
        panelA = randn(4096, Workloads.Dimension);
        panelB = randn(Workloads.Dimension, 2048);
        panelC = zeros(4096, 2048);
        squareA = randn(2048, 2048);
        squareB = randn(2048, 2048);
        squareC = zeros(2048, 2048);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        a.Dispose();
        b.Dispose();
        output.Dispose();
        foreach (Tensor t in new[] { panelA, panelB, panelC, squareA, squareB, squareC })
        {
            t.Dispose();
        }
    }

    /// <summary>Peak shape 1: a vocabulary-GEMM panel <c>[4096, 384]·[384, 2048]</c> into a preallocated output.</summary>
    [Benchmark]
    public void PeakPanel() => panelC.addmm_(panelA, panelB, 0, 1);

    /// <summary>Peak shape 2: a square <c>2048³</c> GEMM into a preallocated output.</summary>
    [Benchmark]
    public void PeakSquare() => squareC.addmm_(squareA, squareB, 0, 1);

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

    public double? Flops(string method) => method switch
    {
        nameof(PeakPanel) => FlopCounts.Gemm(4096, 2048, Workloads.Dimension),
        nameof(PeakSquare) => FlopCounts.Gemm(2048, 2048, 2048),
        _ => FlopCounts.Gemm(Workloads.Rows, 30522, Workloads.Dimension),
    };
}
