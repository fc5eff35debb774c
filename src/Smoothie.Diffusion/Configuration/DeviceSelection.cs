using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Configuration;

/// <summary>Resolves a <see cref="DeviceKind"/> to a TorchSharp device.</summary>
public static class DeviceSelection
{
    /// <summary>The device for <paramref name="kind"/>.</summary>
    /// <param name="kind">The requested kind.</param>
    /// <exception cref="InvalidOperationException">CUDA was requested but is not available.</exception>
    public static Device Resolve(DeviceKind kind)
    {
        TorchSharpRuntime.EnsureLoaded();
        return kind switch
        {
            DeviceKind.Cpu => CPU,
            DeviceKind.Cuda when cuda.is_available() => CUDA,
            DeviceKind.Cuda => throw new InvalidOperationException(
                "CUDA was requested but is not available: in the application, reference TorchSharp-cuda-linux (Linux) or TorchSharp-cuda-windows (Windows) "
                + "instead of TorchSharp-cpu, with the TorchSharp version (0.107.0), and check the NVIDIA driver; or use DeviceKind.Cpu / --device cpu."),
            DeviceKind.Auto => cuda.is_available() ? CUDA : CPU,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected Auto, Cpu or Cuda."),
        };
    }

    /// <summary>Parses <c>auto</c>, <c>cpu</c> or <c>cuda</c> (case-insensitive).</summary>
    /// <param name="text">The text.</param>
    /// <exception cref="ArgumentException">Another value.</exception>
    public static DeviceKind Parse(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "auto" => DeviceKind.Auto,
        "cpu" => DeviceKind.Cpu,
        "cuda" or "gpu" => DeviceKind.Cuda,
        _ => throw new ArgumentException($"Unknown device '{text}'; expected auto, cpu or cuda.", nameof(text)),
    };
}
