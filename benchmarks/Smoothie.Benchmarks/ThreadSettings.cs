using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>Uses every core for intra-op parallelism (libtorch's default can be lower inside containers).</summary>
internal static class ThreadSettings
{
    public static void Apply()
    {
        Smoothie.Native.TorchSharpRuntime.EnsureLoaded();
        int cores = Environment.ProcessorCount;
        if (get_num_threads() != cores)
        {
            set_num_threads(cores);
        }
    }
}
