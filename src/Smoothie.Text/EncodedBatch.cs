namespace Smoothie.Text;

/// <summary>Texts encoded to a row-major <c>[Count, Length]</c> int64 matrix, ready for <c>torch.tensor(Ids, Count, Length)</c>.</summary>
/// <param name="Ids">Row-major ids, <c>Count × Length</c> values.</param>
/// <param name="Count">The number of texts (rows).</param>
/// <param name="Length">The fixed sequence length (columns).</param>
/// <param name="UsedLengths">Per row, the number of non-padding positions.</param>
/// <param name="TruncatedRows">The indices of rows whose content was cut (empty when everything fitted).</param>
public sealed record EncodedBatch(long[] Ids, int Count, int Length, int[] UsedLengths, IReadOnlyList<int> TruncatedRows)
{
    /// <summary>Row-major attention mask (1 on used positions, 0 on padding), same shape as <see cref="Ids"/>.</summary>
    public long[] CreateAttentionMask()
    {
        var mask = new long[Ids.Length];
        for (int row = 0; row < Count; row++)
        {
            mask.AsSpan(row * Length, UsedLengths[row]).Fill(1);
        }

        return mask;
    }

    /// <summary>One row of <see cref="Ids"/>.</summary>
    /// <param name="row">The row index.</param>
    public ReadOnlySpan<long> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return Ids.AsSpan(row * Length, Length);
    }
}
