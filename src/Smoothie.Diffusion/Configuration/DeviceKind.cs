namespace Smoothie.Diffusion.Configuration;

/// <summary>Where tensors live.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when available, else CPU.</summary>
    Auto,

    /// <summary>The CPU (float32).</summary>
    Cpu,

    /// <summary>The first CUDA device.</summary>
    Cuda,
}
