using Smoothie.Data;
using Smoothie.Text;
using Smoothie.Text.Layout;

namespace Smoothie.Autoregressive;

/// <summary>
/// Turns texts into the rows the autoregressive model reads, exactly as the diffusion pipeline's free layout does:
/// sources framed at the source length (long ones split at clause or word boundaries, with their targets split along by
/// the token alignment), targets framed at the target length (<c>[CLS] content [SEP] [PAD]…</c>); a piece whose target
/// does not fit is dropped and counted.
/// </summary>
internal sealed class SequenceFraming
{
    private readonly ITextCodec codec;
    private readonly FreeLayout sourceFrame;
    private readonly FreeLayout targetFrame;
    private readonly SourceChunker chunker;

    public SequenceFraming(ITextCodec codec, int sourceLength, int targetLength)
    {
        this.codec = codec;
        sourceFrame = new FreeLayout(codec, sourceLength);
        targetFrame = new FreeLayout(codec, targetLength);
        chunker = new SourceChunker(codec.Tokens);
    }

    /// <summary>Framed training rows of <paramref name="pairs"/> and how many pieces were split and dropped.</summary>
    public (List<long[]> Sources, List<long[]> Targets, int SplitPairs, int DroppedPieces) FramePairs(IReadOnlyList<Seq2SeqPair> pairs)
    {
        var sources = new List<long[]>(pairs.Count);
        var targets = new List<long[]>(pairs.Count);
        int split = 0, dropped = 0;
        foreach (Seq2SeqPair pair in pairs)
        {
            ArgumentNullException.ThrowIfNull(pair, nameof(pairs));
            IReadOnlyList<(long[] Source, long[] Target)> pieces = AlignedPairSplitter.Split(Content(pair.Source), Content(pair.Target), sourceFrame.MaxContent, chunker);
            split += pieces.Count > 1 ? 1 : 0;
            foreach ((long[] source, long[] target) in pieces)
            {
                long[]? row = targetFrame.Arrange(source, target, sourceFrame.Length);
                if (row is null)
                {
                    dropped++;
                    continue;
                }

                sources.Add(sourceFrame.Frame(source));
                targets.Add(row);
            }
        }

        return (sources, targets, split, dropped);
    }

    /// <summary>Each text's framed source rows (one per piece that fits the source length; an empty text has none).</summary>
    public List<long[]>[] FrameSources(IReadOnlyList<string> texts)
    {
        var rows = new List<long[]>[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            long[] content = Content(texts[i]);
            IReadOnlyList<int> cuts = content.Length == 0 ? [0] : chunker.Cuts(content, sourceFrame.MaxContent);
            rows[i] = [];
            for (int c = 0; c + 1 < cuts.Count; c++)
            {
                rows[i].Add(sourceFrame.Frame(content[cuts[c]..cuts[c + 1]]));
            }
        }

        return rows;
    }

    private long[] Content(string text) => codec.Tokenize(text).Select(id => (long)id).ToArray();
}
