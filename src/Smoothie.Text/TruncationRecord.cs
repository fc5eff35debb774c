namespace Smoothie.Text;

/// <summary>
/// A thread-safe running count of the truncations a codec made, so that a cut is never silent: pipelines report
/// <see cref="TruncatedSequences"/> and <see cref="DroppedTokens"/> after encoding a data set.
/// </summary>
public sealed class TruncationRecord
{
    private long _encodedSequences;
    private long _truncatedSequences;
    private long _droppedTokens;
    private int _longestContent;

    /// <summary>How many sequences were encoded since the last <see cref="Reset"/>.</summary>
    public long EncodedSequences => Interlocked.Read(ref _encodedSequences);

    /// <summary>How many of them were cut.</summary>
    public long TruncatedSequences => Interlocked.Read(ref _truncatedSequences);

    /// <summary>How many content tokens were dropped in total.</summary>
    public long DroppedTokens => Interlocked.Read(ref _droppedTokens);

    /// <summary>The longest content (in tokens, without special tokens) seen, truncated or not.</summary>
    public int LongestContent => Volatile.Read(ref _longestContent);

    /// <summary>Clears the counts.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _encodedSequences, 0);
        Interlocked.Exchange(ref _truncatedSequences, 0);
        Interlocked.Exchange(ref _droppedTokens, 0);
        Interlocked.Exchange(ref _longestContent, 0);
    }

    /// <summary>Records one encoded sequence.</summary>
    /// <param name="contentTokens">The content token count before truncation.</param>
    /// <param name="droppedTokens">How many of them were cut (0 when it fitted).</param>
    internal void Add(int contentTokens, int droppedTokens)
    {
        Interlocked.Increment(ref _encodedSequences);
        if (droppedTokens > 0)
        {
            Interlocked.Increment(ref _truncatedSequences);
            Interlocked.Add(ref _droppedTokens, droppedTokens);
        }

        int seen;
        while (contentTokens > (seen = Volatile.Read(ref _longestContent)))
        {
            if (Interlocked.CompareExchange(ref _longestContent, contentTokens, seen) == seen)
            {
                break;
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{TruncatedSequences} of {EncodedSequences} sequences truncated ({DroppedTokens} tokens dropped; longest content {LongestContent} tokens)";
}
