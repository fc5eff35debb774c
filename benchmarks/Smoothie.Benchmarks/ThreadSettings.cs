using System.Diagnostics;
using System.Globalization;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>Uses every core for intra-op parallelism (libtorch's default can be lower inside containers).</summary>
internal static class ThreadSettings
{
    public static void Apply()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        int cores = Environment.ProcessorCount;
        if (get_num_threads() != cores)
        {
            set_num_threads(cores);
        }
    }

    /// <summary>Prints libtorch's thread counts before/after <see cref="Apply"/> and the GEMM time per count.</summary>
    public static int Report()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        Console.WriteLine($"cores {Environment.ProcessorCount}; libtorch default intra-op threads {get_num_threads()}, inter-op {get_num_interop_threads()}");
        using Tensor a = randn(4096, 384), b = randn(30522, 384), c = empty(4096, 30522);
        c.zero_();
        foreach (int threads in new[] { 1, Environment.ProcessorCount, 1, Environment.ProcessorCount })
        {
            set_num_threads(threads);
            var clock = Stopwatch.StartNew();
            c.addmm_(a, b.t(), 0, 1);
            double s = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"threads {get_num_threads()}: GEMM 4096x384x30522 {s:F3} s = {2.0 * 4096 * 384 * 30522 / s / 1e9:F1} GFLOP/s"));
        }

        return 0;
    }
}
