using System.Globalization;

namespace Smoothie.Testing;

/// <summary>What <see cref="NativeHeapGrowth.Measure"/> measured: every attempt, and whether one stayed under the limit.</summary>
public sealed class NativeHeapGrowthReport
{
    /// <summary>Creates a report.</summary>
    /// <param name="measure">What was measured, in words.</param>
    /// <param name="rounds">Rounds per attempt.</param>
    /// <param name="limitBytes">The growth an attempt had to stay under.</param>
    /// <param name="attempts">Every attempt, in order (at least one).</param>
    public NativeHeapGrowthReport(string measure, int rounds, long limitBytes, IReadOnlyList<NativeHeapGrowthAttempt> attempts)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(measure);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentOutOfRangeException.ThrowIfZero(attempts.Count, nameof(attempts));
        Measure = measure;
        Rounds = rounds;
        LimitBytes = limitBytes;
        Attempts = attempts;
    }

    /// <summary>What was measured, in words.</summary>
    public string Measure { get; }

    /// <summary>Rounds per attempt.</summary>
    public int Rounds { get; }

    /// <summary>The growth an attempt had to stay under.</summary>
    public long LimitBytes { get; }

    /// <summary>Every attempt, in order; the measurement stops at the first one under the limit.</summary>
    public IReadOnlyList<NativeHeapGrowthAttempt> Attempts { get; }

    /// <summary>Whether an attempt grew less than <see cref="LimitBytes"/> (then it is the last one).</summary>
    public bool WithinLimit => Attempts[^1].GrowthBytes < LimitBytes;

    /// <summary>One line: the verdict, the limit and every attempt's growth, e.g. for a test's output and failure message.</summary>
    public override string ToString()
    {
        string verdict = WithinLimit ? "stayed under" : "grew past";
        string attempts = string.Join("; ", Attempts.Select((a, i) => string.Create(
            CultureInfo.InvariantCulture, $"attempt {i + 1}: {Mib(a.GrowthBytes)} (resident set {Mib(a.ResidentGrowthBytes)})")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Measure} {verdict} the limit of {Mib(LimitBytes)} over {Rounds} rounds in {Attempts.Count} attempt(s): {attempts}");
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:+0.00;-0.00;0.00} MiB");
}
