using System.Runtime.InteropServices;
using TorchSharp;

namespace Smoothie.Runtime;

/// <summary>
/// Loads TorchSharp's native backend once and, when that fails, explains why in terms a user can act on
/// instead of TorchSharp's raw probing trace.
/// </summary>
public static class TorchSharpRuntime
{
    private static readonly object Gate = new();
    private static bool loaded;

    /// <summary>
    /// Ensures the TorchSharp CPU backend is loaded (cheap after the first successful call).
    /// </summary>
    /// <exception cref="TorchSharpLoadException">The native libraries cannot be loaded; the message says why and how to fix it.</exception>
    public static void EnsureLoaded()
    {
        if (Volatile.Read(ref loaded))
        {
            return;
        }

        lock (Gate)
        {
            if (loaded)
            {
                return;
            }

            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new TorchSharpLoadException(Diagnose(AppContext.BaseDirectory), e);
            }

            Volatile.Write(ref loaded, true);
        }
    }

    /// <summary>
    /// Explains why TorchSharp's native backend does not load for an application in <paramref name="appDirectory"/>.
    /// </summary>
    /// <param name="appDirectory">The application's base directory.</param>
    /// <returns>A diagnosis with the fix.</returns>
    public static string Diagnose(string appDirectory)
    {
        string[] candidates = Directory.Exists(appDirectory)
            ? Directory.GetFiles(appDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories)
            : [];
        bool hasBackend = Directory.Exists(appDirectory)
            && (Directory.GetFiles(appDirectory, "libtorch_cpu.*", SearchOption.AllDirectories).Length > 0
                || Directory.GetFiles(appDirectory, "torch_cpu.dll", SearchOption.AllDirectories).Length > 0);

        if (!hasBackend)
        {
            return "TorchSharp could not load its native backend: no libtorch binaries were found under "
                + $"'{appDirectory}'. Reference a backend package in the application project, e.g. "
                + "<PackageReference Include=\"TorchSharp-cpu\" Version=\"0.107.0\" /> (or, for an NVIDIA GPU, TorchSharp-cuda-linux on Linux or TorchSharp-cuda-windows on Windows).";
        }

        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return "TorchSharp could not load its native backend although libtorch binaries are present. "
                + "Check that the backend package matches this OS and architecture; see the inner exception.";
        }

        string version = ElfVersionPatcher.DefaultMissingVersion;
        bool systemHasVersion = ElfVersionPatcher.SystemLibStdCxxDefines(version, out string? libstdcxx);
        foreach (string candidate in candidates)
        {
            ElfPatchResult analysis = ElfVersionPatcher.Analyze(File.ReadAllBytes(candidate), version);
            if (analysis.Status == ElfPatchStatus.Patchable && !systemHasVersion)
            {
                return $"TorchSharp could not load: '{candidate}' requires {version}, which this system's libstdc++ "
                    + $"('{libstdcxx ?? "not found"}') does not define (Debian 12, Ubuntu 22.04 and RHEL 9 lack it). "
                    + "Smoothie.Runtime patches this file at build time unless <SmoothieFixTorchSharpNative> is false or the "
                    + "application was built on another machine. Fix: rebuild on this machine with the fix enabled, or patch the file once with "
                    + $"Smoothie.Runtime.ElfVersionPatcher.PatchFile(\"{candidate}\").";
            }
        }

        return "TorchSharp could not load its native backend although libtorch binaries are present and "
            + $"libLibTorchSharp.so needs no {version} patch. Check for missing system libraries "
            + "(e.g. run 'ldd' on libLibTorchSharp.so) and see the inner exception.";
    }
}
