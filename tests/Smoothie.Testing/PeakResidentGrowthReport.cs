using System.Globalization;

namespace Smoothie.Testing;

/// <summary>What <see cref="PeakResidentGrowth.Measure"/> measured: every attempt's peak rise, and whether one stayed under the limit.</summary>
/// <param name="LimitBytes">The peak rise an attempt had to stay under.</param>
/// <param name="PeakBytes">Every attempt's peak rise of the resident set, in order (at least one); it stops at the first under the limit.</param>
public sealed record PeakResidentGrowthReport(long LimitBytes, IReadOnlyList<long> PeakBytes)
{
    /// <summary>The smallest peak rise of the attempts.</summary>
    public long SmallestPeakBytes => PeakBytes.Min();

    /// <summary>Whether an attempt's peak rise stayed under <see cref="LimitBytes"/>.</summary>
    public bool WithinLimit => SmallestPeakBytes < LimitBytes;

    /// <summary>One line: the verdict, the limit and every attempt's peak rise.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"peak resident set {(WithinLimit ? "stayed under" : "rose past")} the limit of {LimitBytes >> 20} MiB in {PeakBytes.Count} attempt(s): {string.Join("; ", PeakBytes.Select((p, i) => $"attempt {i + 1}: +{p >> 20} MiB"))}");
}
