using System.Diagnostics;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// This CPU's compute-bound GEMM rate through libtorch, the yardstick of every "% of GEMM": the best rate of a few
/// cache-friendly fp32 shapes written into preallocated outputs. The old reference <c>[4096,384]·[384,30522]</c> writes a
/// 477 MiB result and is memory-bound (it moved between 85 and 150 GFLOP/s on quiet days with the code unchanged).
/// </summary>
internal sealed class GemmPeak : IDisposable
{
    /// <summary>The shapes (m, n, k) tried: a vocabulary-GEMM panel, a square block, a short-and-wide panel.</summary>
    public static readonly (int M, int N, int K)[] Shapes = [(4096, 2048, 384), (2048, 2048, 2048), (1024, 4096, 384)];

    private readonly List<(int M, int N, int K, Tensor A, Tensor B, Tensor C)> operands = [];

    public GemmPeak()
    {
        manual_seed(1);
        foreach ((int m, int n, int k) in Shapes)
        {
            Tensor c = empty(m, n);
            c.zero_();
            operands.Add((m, n, k, randn(m, k), randn(k, n), c));
        }
    }

    /// <summary>Runs every shape <paramref name="repeats"/> times; returns the best rate (GFLOP/s) and its shape.</summary>
    public (double Rate, string Shape) Measure(int repeats = 3)
    {
        double best = 0;
        string shape = "";
        foreach ((int m, int n, int k, Tensor a, Tensor b, Tensor c) in operands)
        {
            for (int r = 0; r < repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                c.addmm_(a, b, 0, 1);
                double rate = FlopCounts.Gemm(m, n, k) / clock.Elapsed.TotalSeconds / 1e9;
                if (rate > best)
                {
                    best = rate;
                    shape = $"[{m},{k}]·[{k},{n}]";
                }
            }
        }

        return (best, shape);
    }

    public void Dispose()
    {
        foreach ((_, _, _, Tensor a, Tensor b, Tensor c) in operands)
        {
            a.Dispose();
            b.Dispose();
            c.Dispose();
        }
    }
}
