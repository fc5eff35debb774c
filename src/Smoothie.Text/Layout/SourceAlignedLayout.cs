namespace Smoothie.Text.Layout;

/// <summary>
/// The source-aligned target layout for near-copy tasks (an edit formulation in the spirit of CTC-style
/// non-autoregressive models with an up-sampled source): the target has <see cref="SlotsPerSourceToken"/> slots per
/// source position, and the target tokens aligned to source position k (<see cref="TokenAlignment"/>) are written from
/// slot <c>k·slots</c> on; the slots left over hold the blank (<c>[PAD]</c>). When a source token has more target tokens
/// than slots, the rest spill into the next slots and later groups start after them. Decoding removes the blanks, so a
/// model only has to say, per source token, what it becomes — the same token (a copy), another token, nothing, or a few
/// tokens.
/// </summary>
/// <remarks>
/// Rows keep the codec's frame: position 0 is the start token (<c>[CLS]</c>) and the source's end token (<c>[SEP]</c>)
/// becomes the target's end token. Target tokens inserted before the first source token go to the start token's group.
/// </remarks>
public sealed class SourceAlignedLayout : ITargetLayout
{
    private readonly Func<int, bool> isSpecial;

    /// <summary>Creates the layout.</summary>
    /// <param name="slotsPerSourceToken">Target slots per source position (≥ 1; 2 leaves room for one insertion per token).</param>
    /// <param name="startId">The start token id (<c>[CLS]</c>), or null when the codec has none.</param>
    /// <param name="endId">The end token id (<c>[SEP]</c>).</param>
    /// <param name="blankId">The blank, which is also the padding (<c>[PAD]</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slotsPerSourceToken"/> is below 1.</exception>
    public SourceAlignedLayout(int slotsPerSourceToken, int? startId, int endId, int blankId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotsPerSourceToken, 1);
        SlotsPerSourceToken = slotsPerSourceToken;
        StartId = startId;
        EndId = endId;
        BlankId = blankId;
        isSpecial = id => id == blankId || id == endId || id == startId;
    }

    /// <summary>Creates the layout with the frame of <paramref name="codec"/> (its padding is the blank); reading a row drops every special token of the codec.</summary>
    /// <param name="slotsPerSourceToken">Target slots per source position (≥ 1).</param>
    /// <param name="codec">The text codec.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slotsPerSourceToken"/> is below 1.</exception>
    public SourceAlignedLayout(int slotsPerSourceToken, ITextCodec codec)
        : this(slotsPerSourceToken, (codec ?? throw new ArgumentNullException(nameof(codec))).StartId, codec.EndId, codec.PadId) =>
        isSpecial = codec.IsSpecial;

    /// <summary>Target slots per source position.</summary>
    public int SlotsPerSourceToken { get; }

    /// <summary>The start token id, or null.</summary>
    public int? StartId { get; }

    /// <summary>The end token id.</summary>
    public int EndId { get; }

    /// <summary>The blank / padding id.</summary>
    public int BlankId { get; }

    /// <summary>The target length for a source length.</summary>
    /// <param name="sourceLength">Source positions.</param>
    public int TargetLength(int sourceLength) => SlotsPerSourceToken * sourceLength;

    /// <summary>
    /// Lays out <paramref name="targetContent"/> against <paramref name="sourceContent"/> in a row of
    /// <see cref="TargetLength"/>(<paramref name="sourceLength"/>) ids, or returns null when it does not fit.
    /// </summary>
    /// <param name="sourceContent">The source's content ids (no special tokens), as the source row holds them.</param>
    /// <param name="targetContent">The target's content ids.</param>
    /// <param name="sourceLength">The source row length (content + start + end + padding).</param>
    public long[]? Arrange(ReadOnlySpan<long> sourceContent, ReadOnlySpan<long> targetContent, int sourceLength)
    {
        int offset = StartId is null ? 0 : 1;
        if (sourceContent.Length + offset + 1 > sourceLength)
        {
            return null;
        }

        TokenAlignment alignment = TokenAlignment.Align(sourceContent, targetContent);
        var row = new long[TargetLength(sourceLength)];
        Array.Fill(row, (long)BlankId);
        int cursor = 0;

        bool Place(int position, IEnumerable<long> tokens)
        {
            cursor = Math.Max(cursor, position * SlotsPerSourceToken);
            foreach (long token in tokens)
            {
                if (cursor >= row.Length)
                {
                    return false;
                }

                row[cursor++] = token;
            }

            return true;
        }

        var leading = new List<long>();
        if (StartId is { } start)
        {
            leading.Add(start);
        }

        for (int j = 0; j < alignment.LeadingCount; j++)
        {
            leading.Add(targetContent[j]);
        }

        if (!Place(0, leading))
        {
            return null;
        }

        long[] target = targetContent.ToArray();
        for (int k = 0; k < sourceContent.Length; k++)
        {
            if (!Place(k + offset, alignment.TargetsOf(k).Select(j => target[j])))
            {
                return null;
            }
        }

        return Place(sourceContent.Length + offset, [EndId]) ? row : null;
    }

    /// <summary>The source itself in this layout (every token a copy of itself): where source-initialised sampling starts.</summary>
    /// <param name="sourceContent">The source's content ids, as a source row of <paramref name="sourceLength"/> holds them.</param>
    /// <param name="sourceLength">The source row length.</param>
    /// <exception cref="ArgumentException"><paramref name="sourceContent"/> does not fit a source row of <paramref name="sourceLength"/>.</exception>
    public long[] ArrangeSource(ReadOnlySpan<long> sourceContent, int sourceLength) =>
        Arrange(sourceContent, sourceContent, sourceLength)
        ?? throw new ArgumentException($"{sourceContent.Length} source content ids do not fit a source row of {sourceLength}.", nameof(sourceContent));

    /// <summary>Every non-blank, non-special id of the row, in order (the end token does not stop the reading).</summary>
    /// <param name="row">A generated row in codec ids.</param>
    public int[] ReadContent(ReadOnlySpan<int> row)
    {
        var content = new List<int>(row.Length);
        foreach (int id in row)
        {
            if (!isSpecial(id))
            {
                content.Add(id);
            }
        }

        return content.ToArray();
    }
}
