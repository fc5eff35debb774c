using Smoothie.Diffusion.Configuration;
using Smoothie.Runtime;
using TorchSharp;

namespace Smoothie.Diffusion.Tests;

public sealed class DeviceSelectionTests
{
    [Fact]
    public void CudaRequestedWithoutCudaNamesTheLinuxAndWindowsBackendPackages()
    {
        TorchSharpRuntime.EnsureLoaded();
        if (torch.cuda.is_available())
        {
            // A machine with CUDA: the request is honoured instead of failing.
            Assert.Equal(DeviceType.CUDA, DeviceSelection.Resolve(DeviceKind.Cuda).type);
            return;
        }

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => DeviceSelection.Resolve(DeviceKind.Cuda));

        Assert.Contains("TorchSharp-cuda-linux", error.Message, StringComparison.Ordinal);
        Assert.Contains("TorchSharp-cuda-windows", error.Message, StringComparison.Ordinal);
        Assert.Contains("--device cpu", error.Message, StringComparison.Ordinal);
    }
}
