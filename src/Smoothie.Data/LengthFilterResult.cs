using System.Globalization;

namespace Smoothie.Data;

/// <summary>What <see cref="LengthFilter"/> kept, and how many pairs it dropped for which reason.</summary>
/// <param name="Kept">The pairs within the limits, in input order.</param>
/// <param name="DroppedSourceTooLong">Pairs dropped because the source had too many tokens.</param>
/// <param name="DroppedTargetTooLong">Pairs dropped because the target had too many tokens (source within limits).</param>
/// <param name="DroppedTooShort">Pairs dropped because the source or the target had too few tokens (and neither was too long).</param>
public sealed record LengthFilterResult(IReadOnlyList<Seq2SeqPair> Kept, int DroppedSourceTooLong, int DroppedTargetTooLong, int DroppedTooShort)
{
    /// <summary>The number of pairs kept.</summary>
    public int KeptCount => Kept.Count;

    /// <summary>The number of pairs dropped for any reason.</summary>
    public int DroppedCount => DroppedSourceTooLong + DroppedTargetTooLong + DroppedTooShort;

    /// <summary>The number of pairs examined.</summary>
    public int TotalCount => KeptCount + DroppedCount;

    /// <summary>A one-line report, e.g. <c>kept 27,000 of 27,577 pairs; dropped 577 (source too long 300, target too long 277, too short 0)</c>.</summary>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "kept {0:N0} of {1:N0} pairs; dropped {2:N0} (source too long {3:N0}, target too long {4:N0}, too short {5:N0})",
        KeptCount,
        TotalCount,
        DroppedCount,
        DroppedSourceTooLong,
        DroppedTargetTooLong,
        DroppedTooShort);
}
