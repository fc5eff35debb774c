using System.Reflection;

namespace Smoothie.Runtime.Tests;

/// <summary>Locates TorchSharp's pristine native library in the NuGet package folder.</summary>
internal static class NativeLibraryFixture
{
    public static string PristineLibTorchSharp()
    {
        string root = typeof(NativeLibraryFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;
        string path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"TorchSharp's native library was expected at {path}");
        return path;
    }

    public static string OutputLibTorchSharp()
    {
        return Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories).First();
    }
}
