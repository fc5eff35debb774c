using System.Runtime.InteropServices;

namespace Smoothie.Runtime;

/// <summary>
/// Gives the C heap's free memory back to the operating system. libtorch allocates tensors with <c>malloc</c>; glibc keeps
/// freed blocks in per-thread arenas for reuse, so a server whose requests run on changing threads and allocate tensors of
/// changing sizes sees its resident memory (RSS) creep up although nothing leaks. <see cref="Trim"/> calls glibc's
/// <c>malloc_trim(0)</c>, which returns every whole free page of every arena; elsewhere it does nothing.
/// </summary>
public static class NativeHeap
{
    private static int unsupported;
    private static int statisticsUnsupported;

    /// <summary>Returns the C heap's free pages to the operating system (glibc on Linux); a no-op elsewhere.</summary>
    /// <returns>Whether the heap was trimmed (false on other platforms or C libraries, such as musl, without <c>malloc_trim</c>).</returns>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux() || Volatile.Read(ref unsupported) != 0)
        {
            return false;
        }

        try
        {
            _ = MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            Volatile.Write(ref unsupported, 1);
            return false;
        }
    }

    /// <summary>
    /// The bytes the C heap has handed out and not yet freed (glibc's <c>mallinfo2</c>: <c>uordblks + hblkhd</c>, summed
    /// over every arena, so libtorch's CPU tensors included), or null where that is not available (other platforms, C
    /// libraries without <c>mallinfo2</c> such as musl or glibc before 2.33). Locks every arena briefly: read it now and
    /// then (a metrics gauge), not in a loop.
    /// </summary>
    public static long? AllocatedBytes()
    {
        if (!OperatingSystem.IsLinux() || Volatile.Read(ref statisticsUnsupported) != 0)
        {
            return null;
        }

        try
        {
            MallInfo2 info = MallInfo2Native();
            return checked((long)(info.Uordblks + info.Hblkhd));
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException or OverflowException)
        {
            Volatile.Write(ref statisticsUnsupported, 1);
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 MallInfo2Native();

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    /// <summary>glibc's <c>struct mallinfo2</c> (every field a <c>size_t</c>).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallInfo2
    {
        public readonly nuint Arena;
        public readonly nuint Ordblks;
        public readonly nuint Smblks;
        public readonly nuint Hblks;
        public readonly nuint Hblkhd;
        public readonly nuint Usmblks;
        public readonly nuint Fsmblks;
        public readonly nuint Uordblks;
        public readonly nuint Fordblks;
        public readonly nuint Keepcost;
    }
}
