using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Smoothie.Benchmarks;

/// <summary>
/// libtorch (≥ 2.2) backs CPU allocations of ≥ 2 MiB with transparent huge pages when the environment variable
/// <c>THP_MEM_ALLOC_ENABLE=1</c> is set before its first allocation. Every fresh <c>[rows, V]</c> tensor is otherwise
/// page-faulted 4 KiB at a time, which on this machine costs more than the GEMM that fills it. .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change the native environment, so this
/// calls libc's <c>setenv</c>.
/// </summary>
internal static partial class HugePages
{
    public const string Variable = "THP_MEM_ALLOC_ENABLE";

    /// <summary>
    /// With <c>--thp</c>: sets the variable to 1 unless the caller's environment already defines it. Off by default:
    /// measured here it speeds up fresh [rows, V] tensors but slows the denoiser's many mid-size allocations
    /// (docs/performance.md).
    /// </summary>
    public static void Enable()
    {
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable(Variable) is null)
        {
            enabledHere = SetEnv(Variable, "1", 0) == 0;
        }
    }

    private static bool enabledHere;

    public static string State => enabledHere ? "1 (--thp)" : Environment.GetEnvironmentVariable(Variable) ?? "unset";

    /// <summary>
    /// Runs the same BenchmarkDotNet selection twice in child processes, with huge pages off and on, and prints both
    /// summaries (the before/after of this optimisation in one command).
    /// </summary>
    public static int CompareOffOn(string[] benchmarkArgs)
    {
        foreach (string value in new[] { "0", "1" })
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            {
                start.ArgumentList.Add(typeof(HugePages).Assembly.Location);
            }

            foreach (string a in benchmarkArgs)
            {
                start.ArgumentList.Add(a);
            }

            start.Environment[Variable] = value;
            using var child = Process.Start(start)!;
            Console.WriteLine($"===== {Variable}={value} =====");
            bool table = false;
            string? line;
            while ((line = child.StandardOutput.ReadLine()) is not null)
            {
                // Print only the summary table.
                table |= line.StartsWith("| Method", StringComparison.Ordinal) || line.StartsWith("| Type", StringComparison.Ordinal);
                if (table && line.StartsWith('|'))
                {
                    Console.WriteLine(line);
                }
                else if (table && line.Length == 0)
                {
                    table = false;
                }
            }

            child.WaitForExit();
        }

        return 0;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
