using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Runtime.Tests;

public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void MatmulComputesKnownProduct()
    {
        TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        Tensor a = tensor(new float[] { 1, 2, 3, 4, 5, 6 }).reshape(2, 3);
        Tensor b = tensor(new float[] { 7, 8, 9, 10, 11, 12 }).reshape(3, 2);
        float[] product = a.matmul(b).data<float>().ToArray();
        Assert.Equal(new float[] { 58, 64, 139, 154 }, product);
    }

    [Fact]
    public void BackwardGivesAnalyticGradient()
    {
        TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        Tensor x = tensor(new float[] { 1, -2, 3 }, requires_grad: true);
        Tensor loss = (x * x).sum();
        loss.backward();
        Assert.Equal(new float[] { 2, -4, 6 }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void EnsureLoadedIsIdempotent()
    {
        TorchSharpRuntime.EnsureLoaded();
        TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        Assert.Equal(4f, ones(2, 2).sum().item<float>());
    }

    [Fact]
    public void DiagnoseWithoutBackendNamesThePackageToAdd()
    {
        string dir = Directory.CreateTempSubdirectory("smoothie-diag").FullName;
        try
        {
            string message = TorchSharpRuntime.Diagnose(dir);
            Assert.Contains("TorchSharp-cpu", message);
            Assert.Contains("TorchSharp-cuda-linux", message);
            Assert.Contains("TorchSharp-cuda-windows", message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
