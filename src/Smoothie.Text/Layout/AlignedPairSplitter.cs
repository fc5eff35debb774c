namespace Smoothie.Text.Layout;

/// <summary>
/// Splits a training pair whose source is longer than the model's source length into shorter pairs: the source is cut
/// by <see cref="SourceChunker"/>, and each target token goes with the chunk of the source token it is aligned to
/// (<see cref="TokenAlignment"/>), so every target token lands in exactly one piece and none is lost.
/// </summary>
public static class AlignedPairSplitter
{
    /// <summary>Splits one pair of content-id sequences (no special tokens).</summary>
    /// <param name="source">Source content ids.</param>
    /// <param name="target">Target content ids.</param>
    /// <param name="maxSourceTokens">The most content tokens a source piece may hold.</param>
    /// <param name="chunker">Chooses the cut points.</param>
    /// <returns>The pieces in order (one piece, the pair itself, when the source fits).</returns>
    public static IReadOnlyList<(long[] Source, long[] Target)> Split(long[] source, long[] target, int maxSourceTokens, SourceChunker chunker)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(chunker);
        if (source.Length <= maxSourceTokens)
        {
            return [(source, target)];
        }

        IReadOnlyList<int> cuts = chunker.Cuts(source, maxSourceTokens);
        TokenAlignment alignment = TokenAlignment.Align(source, target);
        var pieces = new List<(long[], long[])>(cuts.Count - 1);
        for (int c = 0; c + 1 < cuts.Count; c++)
        {
            var targetPiece = new List<long>();
            if (c == 0)
            {
                targetPiece.AddRange(target.Take(alignment.LeadingCount));
            }

            for (int k = cuts[c]; k < cuts[c + 1]; k++)
            {
                targetPiece.AddRange(alignment.TargetsOf(k).Select(j => target[j]));
            }

            pieces.Add((source[cuts[c]..cuts[c + 1]], targetPiece.ToArray()));
        }

        return pieces;
    }
}
