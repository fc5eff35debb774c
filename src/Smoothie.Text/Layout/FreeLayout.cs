namespace Smoothie.Text.Layout;

/// <summary>
/// The paper's target layout: the target is written from position 0 as the codec frames a text — start token
/// (<c>[CLS]</c>, when the codec has one), content, end token (<c>[SEP]</c>), padding (<c>[PAD]</c>) up to a fixed
/// <see cref="Length"/> that does not depend on the source. Reading a generated row stops at its first end token.
/// Source rows use the same framing (a <see cref="FreeLayout"/> of the source length).
/// </summary>
public sealed class FreeLayout : ITargetLayout
{
    private readonly Func<int, bool> isSpecial;

    /// <summary>Creates the layout from explicit ids; reading a row drops the start, end and padding ids.</summary>
    /// <param name="length">The row length (≥ 2, or ≥ 1 without a start token).</param>
    /// <param name="startId">The start token id (<c>[CLS]</c>), or null when rows have none.</param>
    /// <param name="endId">The end token id (<c>[SEP]</c>).</param>
    /// <param name="padId">The padding id (<c>[PAD]</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> leaves no room for the frame.</exception>
    public FreeLayout(int length, int? startId, int endId, int padId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, startId is null ? 1 : 2);
        Length = length;
        StartId = startId;
        EndId = endId;
        PadId = padId;
        isSpecial = id => id == endId || id == padId || id == startId;
    }

    /// <summary>Creates the layout with the frame of <paramref name="codec"/>; reading a row drops every special token of the codec.</summary>
    /// <param name="codec">The text codec.</param>
    /// <param name="length">The row length.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> leaves no room for the frame.</exception>
    public FreeLayout(ITextCodec codec, int length)
        : this(length, (codec ?? throw new ArgumentNullException(nameof(codec))).StartId, codec.EndId, codec.PadId) =>
        isSpecial = codec.IsSpecial;

    /// <summary>The row length.</summary>
    public int Length { get; }

    /// <summary>The start token id, or null.</summary>
    public int? StartId { get; }

    /// <summary>The end token id.</summary>
    public int EndId { get; }

    /// <summary>The padding id.</summary>
    public int PadId { get; }

    /// <summary>The most content ids a row holds (the length minus the start and end tokens).</summary>
    public int MaxContent => Length - (StartId is null ? 1 : 2);

    /// <summary>The configured <see cref="Length"/>, whatever the source length.</summary>
    /// <param name="sourceLength">The source row length (unused).</param>
    public int TargetLength(int sourceLength) => Length;

    /// <summary>The target framed (<see cref="Frame"/>), or null when it has more than <see cref="MaxContent"/> ids.</summary>
    /// <param name="sourceContent">The source's content ids (unused: the free layout does not look at the source).</param>
    /// <param name="targetContent">The target's content ids.</param>
    /// <param name="sourceLength">The source row length (unused).</param>
    public long[]? Arrange(ReadOnlySpan<long> sourceContent, ReadOnlySpan<long> targetContent, int sourceLength) =>
        targetContent.Length <= MaxContent ? Frame(targetContent) : null;

    /// <summary>The source's first <see cref="MaxContent"/> content ids, framed.</summary>
    /// <param name="sourceContent">The source's content ids.</param>
    /// <param name="sourceLength">The source row length (unused).</param>
    public long[] ArrangeSource(ReadOnlySpan<long> sourceContent, int sourceLength) =>
        Frame(sourceContent[..Math.Min(sourceContent.Length, MaxContent)]);

    /// <summary>Every non-special id up to the first end token.</summary>
    /// <param name="row">A generated row in codec ids.</param>
    public int[] ReadContent(ReadOnlySpan<int> row)
    {
        var content = new List<int>(row.Length);
        foreach (int id in row)
        {
            if (id == EndId)
            {
                break;
            }

            if (!isSpecial(id))
            {
                content.Add(id);
            }
        }

        return content.ToArray();
    }

    /// <summary>A row of <see cref="Length"/> ids: start token, <paramref name="content"/>, end token, padding.</summary>
    /// <param name="content">Content ids (at most <see cref="MaxContent"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="content"/> has more than <see cref="MaxContent"/> ids.</exception>
    public long[] Frame(ReadOnlySpan<long> content)
    {
        if (content.Length > MaxContent)
        {
            throw new ArgumentException($"{content.Length} content ids do not fit a row of {Length} (at most {MaxContent}).", nameof(content));
        }

        var row = new long[Length];
        Array.Fill(row, (long)PadId);
        int p = 0;
        if (StartId is { } startId)
        {
            row[p++] = startId;
        }

        content.CopyTo(row.AsSpan(p));
        row[p + content.Length] = EndId;
        return row;
    }
}
