namespace Smoothie.Text.Layout;

/// <summary>
/// Where a target's tokens go in the fixed-length row the model denoises, and how they are read back: the paper's
/// <see cref="FreeLayout"/> (the target written from position 0, framed and padded) or the
/// <see cref="SourceAlignedLayout"/> (the target tokens placed in slots next to the source tokens they rewrite).
/// Rows hold codec ids (the pipeline maps them to and from the latent vocabulary).
/// </summary>
public interface ITargetLayout
{
    /// <summary>The length of a target row for a source row of <paramref name="sourceLength"/> ids.</summary>
    /// <param name="sourceLength">The source row length (content + start + end + padding).</param>
    int TargetLength(int sourceLength);

    /// <summary>
    /// Lays out a training target against its source in a row of <see cref="TargetLength"/>(<paramref name="sourceLength"/>)
    /// ids, or returns null when the target does not fit.
    /// </summary>
    /// <param name="sourceContent">The source's content ids (no special tokens), as the source row holds them.</param>
    /// <param name="targetContent">The target's content ids (no special tokens).</param>
    /// <param name="sourceLength">The source row length.</param>
    long[]? Arrange(ReadOnlySpan<long> sourceContent, ReadOnlySpan<long> targetContent, int sourceLength);

    /// <summary>
    /// The source itself laid out as a target (source-initialised sampling starts from it); content that does not fit
    /// the target row is cut.
    /// </summary>
    /// <param name="sourceContent">The source's content ids, as a source row of <paramref name="sourceLength"/> holds them.</param>
    /// <param name="sourceLength">The source row length.</param>
    /// <exception cref="ArgumentException"><paramref name="sourceContent"/> does not fit a source row of <paramref name="sourceLength"/>.</exception>
    long[] ArrangeSource(ReadOnlySpan<long> sourceContent, int sourceLength);

    /// <summary>The target content (codec ids, special tokens removed) of one generated row.</summary>
    /// <param name="row">A generated row in codec ids.</param>
    int[] ReadContent(ReadOnlySpan<int> row);
}
