using System.Globalization;
using Smoothie.Runtime;

namespace Smoothie.Testing;

/// <summary>
/// How far an operation raises the process's resident set above where it started (Linux: the kernel's peak counter
/// <c>VmHWM</c>, reset through <c>/proc/self/clear_refs</c>), for the tests that check a memory budget. The garbage
/// collector runs and the C heap is trimmed first, so the operation's pages are counted rather than hidden in free blocks
/// the allocator kept. The resident set is the whole process's: a neighbouring test or a collection can raise it in one
/// measurement, so it measures up to <c>attempts</c> times and the first attempt under the limit passes; an operation
/// that needs more than its budget exceeds it every time.
/// </summary>
public static class PeakResidentGrowth
{
    /// <summary>Runs <paramref name="operation"/> up to <paramref name="attempts"/> times, until its peak rise stays under <paramref name="limitBytes"/>.</summary>
    /// <param name="operation">The operation; it should free what it allocates before it returns (or before it runs again).</param>
    /// <param name="limitBytes">The peak rise an attempt must stay under (positive).</param>
    /// <param name="attempts">The most attempts (at least 1).</param>
    /// <returns>Every attempt's peak rise; <see cref="PeakResidentGrowthReport.WithinLimit"/> says whether one passed.</returns>
    /// <exception cref="PlatformNotSupportedException">Not on Linux (the peak counter is read from <c>/proc</c>).</exception>
    public static PeakResidentGrowthReport Measure(Action operation, long limitBytes, int attempts = 3)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfLessThan(limitBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("PeakResidentGrowth reads the peak resident set from /proc/self/status, which only Linux has.");
        }

        var peaks = new List<long>();
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            _ = NativeHeap.Trim();
            File.WriteAllText("/proc/self/clear_refs", "5");
            long before = Status("VmRSS:");
            operation();
            peaks.Add(Status("VmHWM:") - before);
            if (peaks[^1] < limitBytes)
            {
                break;
            }
        }

        return new PeakResidentGrowthReport(limitBytes, peaks);
    }

    private static long Status(string key)
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
