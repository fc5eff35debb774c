namespace Smoothie.Testing;

/// <summary>One attempt of <see cref="NativeHeapGrowth.Measure"/>: how much the measure and the resident set grew.</summary>
/// <param name="GrowthBytes">The growth of the measure (the C heap's allocated bytes, or the working set where those are not available).</param>
/// <param name="ResidentGrowthBytes">The growth of the process's working set after trimming the heap (shown, not judged:
/// it also moves with the managed heap, fragmentation and neighbouring tests).</param>
public readonly record struct NativeHeapGrowthAttempt(long GrowthBytes, long ResidentGrowthBytes);
