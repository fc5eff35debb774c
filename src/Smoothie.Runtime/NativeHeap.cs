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

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
