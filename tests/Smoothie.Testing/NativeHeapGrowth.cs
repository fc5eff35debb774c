using System.Diagnostics;
using Smoothie.Runtime;

namespace Smoothie.Testing;

/// <summary>
/// Measures whether repeating an operation grows the memory the C heap has handed out — libtorch's CPU tensors are
/// <c>malloc</c>'d, so a leaked tensor counts — in a way a busy test run does not disturb:
/// <list type="bullet">
/// <item><see cref="NativeHeap.AllocatedBytes"/> counts the blocks in use, not the freed blocks glibc keeps in its arenas,
/// so the allocator's fragmentation (which moves the resident set by hundreds of MiB) does not count;</item>
/// <item>xUnit runs the test classes of an assembly in parallel, so a neighbour's allocations can fall inside one
/// measurement: the growth over the rounds is measured up to <c>attempts</c> times and the first attempt under the limit
/// passes. A real leak grows the heap in every attempt; a neighbour's transient allocation does not.</item>
/// </list>
/// Each reading follows a full garbage collection with finalizers, so tensors that nothing references any more are freed
/// first: this measures memory that stays referenced. Tensors that are not disposed are the job of the exact check,
/// <c>DisposeScopeManager.Statistics.ThreadTotalLiveCount</c>, which the tests keep beside this one.
/// Where glibc's statistics are not available (other platforms and C libraries) it falls back to the process's working
/// set after trimming, a coarser measure that includes fragmentation.
/// </summary>
public static class NativeHeapGrowth
{
    /// <summary>
    /// Runs <paramref name="round"/> <paramref name="warmUpRounds"/> times (allocator pools, JIT, lazily built caches),
    /// then measures the heap's growth over <paramref name="rounds"/> more rounds, up to <paramref name="attempts"/> times,
    /// stopping at the first attempt that grows less than <paramref name="limitBytes"/>.
    /// </summary>
    /// <param name="round">One repetition of the operation under test; it should dispose what it creates.</param>
    /// <param name="rounds">Rounds per attempt (at least 1).</param>
    /// <param name="limitBytes">The growth an attempt must stay under (positive). Choose it well below what leaking a
    /// round's tensors would add over <paramref name="rounds"/> rounds.</param>
    /// <param name="warmUpRounds">Rounds run once before the first attempt (0 or more).</param>
    /// <param name="attempts">The most attempts (at least 1).</param>
    /// <returns>Every attempt's growth; <see cref="NativeHeapGrowthReport.WithinLimit"/> says whether one passed.</returns>
    public static NativeHeapGrowthReport Measure(Action round, int rounds, long limitBytes, int warmUpRounds = 10, int attempts = 3)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(limitBytes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmUpRounds);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);

        for (int i = 0; i < warmUpRounds; i++)
        {
            round();
        }

        bool glibc = NativeHeap.AllocatedBytes() is not null;
        var measured = new List<NativeHeapGrowthAttempt>();
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            (long allocatedBefore, long residentBefore) = Read(glibc);
            for (int i = 0; i < rounds; i++)
            {
                round();
            }

            (long allocatedAfter, long residentAfter) = Read(glibc);
            measured.Add(new NativeHeapGrowthAttempt(allocatedAfter - allocatedBefore, residentAfter - residentBefore));
            if (allocatedAfter - allocatedBefore < limitBytes)
            {
                break;
            }
        }

        return new NativeHeapGrowthReport(glibc ? "C heap allocated bytes (mallinfo2)" : "working set after trimming", rounds, limitBytes, measured);
    }

    private static (long Allocated, long Resident) Read(bool glibc)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _ = NativeHeap.Trim();
        using Process self = Process.GetCurrentProcess();
        long resident = self.WorkingSet64;
        return (glibc ? NativeHeap.AllocatedBytes() ?? resident : resident, resident);
    }
}
