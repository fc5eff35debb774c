using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Devices;

/// <summary>
/// Explicit mixed precision (TorchSharp has no autocast): bfloat16 only on CUDA, float32 everywhere else — bf16 GEMM on
/// CPUs without AMX is hundreds of times slower than fp32. Every helper is a no-op on the CPU.
/// </summary>
public static class ComputePrecision
{
    /// <summary>The dtype to compute in on <paramref name="device"/>: bf16 on CUDA when requested, otherwise float32.</summary>
    /// <param name="device">The device.</param>
    /// <param name="preferBFloat16">Whether bf16 is wanted where it is fast (CUDA).</param>
    /// <returns>The compute dtype.</returns>
    public static ScalarType ComputeDtype(Device device, bool preferBFloat16)
    {
        ArgumentNullException.ThrowIfNull(device);
        return preferBFloat16 && device.type == DeviceType.CUDA ? ScalarType.BFloat16 : ScalarType.Float32;
    }

    /// <summary>Casts the module's floating parameters and buffers to bf16 when it lives on CUDA and bf16 is wanted; no-op otherwise.</summary>
    /// <typeparam name="TModule">The module type.</typeparam>
    /// <param name="module">The module (modified in place).</param>
    /// <param name="device">The device the module lives on.</param>
    /// <param name="preferBFloat16">Whether bf16 is wanted.</param>
    /// <returns>The same module.</returns>
    public static TModule CastForDevice<TModule>(TModule module, Device device, bool preferBFloat16)
        where TModule : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        ScalarType dtype = ComputeDtype(device, preferBFloat16);
        return dtype == ScalarType.BFloat16 ? module.to(dtype) : module;
    }

    /// <summary>Casts a floating tensor to the compute dtype of its device; returns the same tensor when nothing changes.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="preferBFloat16">Whether bf16 is wanted.</param>
    /// <returns>The tensor in compute precision (a new tensor only if a cast happened).</returns>
    public static Tensor CastForDevice(Tensor tensor, bool preferBFloat16)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.is_floating_point())
        {
            return tensor;
        }

        ScalarType dtype = ComputeDtype(tensor.device, preferBFloat16);
        return tensor.dtype == dtype ? tensor : tensor.to_type(dtype);
    }
}
