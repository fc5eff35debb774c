using Smoothie.Runtime;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Runtime/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieRuntimeReadme
{
    public static bool Example()
    {
        TorchSharpRuntime.EnsureLoaded();  // throws TorchSharpLoadException saying why libtorch cannot load, and the fix
        bool trimmed = NativeHeap.Trim();  // give libtorch's freed memory back to the operating system (glibc)
        return trimmed;
    }
}
