using Smoothie.Data;
using Smoothie.Text;
using Smoothie.Text.Layout;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// Turns texts into the rows the model sees: sources framed at the source length (long ones split at clause or word
/// boundaries), targets laid out by the <see cref="ITargetLayout"/> and mapped into latent ids.
/// </summary>
internal sealed class PipelineEncoder
{
    private readonly ITextCodec codec;
    private readonly ITargetLayout layout;
    private readonly LatentVocabulary vocabulary;
    private readonly FreeLayout sourceFrame;

    public PipelineEncoder(ITextCodec codec, ITargetLayout layout, LatentVocabulary vocabulary, int sourceLength)
    {
        this.codec = codec;
        this.layout = layout;
        this.vocabulary = vocabulary;
        sourceFrame = new FreeLayout(codec, sourceLength);
        Chunker = new SourceChunker(codec.Tokens);
    }

    /// <summary>Splits sources longer than the source length at clause or word boundaries (generation and training).</summary>
    public SourceChunker Chunker { get; }

    /// <summary>The source row length.</summary>
    public int SourceLength => sourceFrame.Length;

    /// <summary>The target row length.</summary>
    public int TargetLength => layout.TargetLength(SourceLength);

    /// <summary>The most content tokens one source row holds (the source length minus the start and end tokens).</summary>
    public int MaxSourceContent => sourceFrame.MaxContent;

    /// <summary>Targets as codec rows of the target length in latent ids (<c>[UNK]</c> for tokens outside the sub-vocabulary).</summary>
    public List<long[]> EncodeTargets(IReadOnlyList<string> texts)
    {
        List<long[]> rows = EncodeAtTargetLength(texts);
        vocabulary.ToLatentIdsOrUnknown(rows);
        return rows;
    }

    /// <summary>Sources as codec rows of the target length in latent ids (the nearest kept token for tokens outside the sub-vocabulary).</summary>
    public List<long[]> EncodeSourcesAsTargets(IReadOnlyList<string> texts)
    {
        List<long[]> rows = EncodeAtTargetLength(texts);
        vocabulary.ToLatentIdsOrNearest(rows);
        return rows;
    }

    /// <summary>
    /// Training pairs: long sources split with their targets (<see cref="AlignedPairSplitter"/>), targets arranged by the
    /// layout in latent ids; pieces whose target does not fit are dropped and counted.
    /// </summary>
    public PairEncoding EncodePairs(IReadOnlyList<Seq2SeqPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var sources = new List<long[]>(pairs.Count);
        var targets = new List<long[]>(pairs.Count);
        int split = 0, dropped = 0;
        foreach (Seq2SeqPair pair in pairs)
        {
            long[] source = Content(pair.Source);
            long[] target = Content(pair.Target);
            IReadOnlyList<(long[] Source, long[] Target)> pieces = AlignedPairSplitter.Split(source, target, MaxSourceContent, Chunker);
            split += pieces.Count > 1 ? 1 : 0;
            foreach ((long[] pieceSource, long[] pieceTarget) in pieces)
            {
                long[]? row = layout.Arrange(pieceSource, pieceTarget, SourceLength);
                if (row is null)
                {
                    dropped++;
                    continue;
                }

                sources.Add(sourceFrame.Frame(pieceSource));
                targets.Add(row);
            }
        }

        vocabulary.ToLatentIdsOrUnknown(targets);
        return new PairEncoding(pairs.Count, split, targets.Count, dropped, sources, targets);
    }

    /// <summary>Splits sources into pieces that fit the source length (empty sources have none).</summary>
    public SourcePieces SplitSources(IReadOnlyList<string> sources)
    {
        var pieces = new SourcePieces(sources.Count);
        for (int i = 0; i < sources.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(sources[i], nameof(sources));
            long[] content = Content(sources[i]);
            IReadOnlyList<int> cuts = content.Length == 0 ? [0] : Chunker.Cuts(content, MaxSourceContent);
            for (int c = 0; c + 1 < cuts.Count; c++)
            {
                long[] piece = content[cuts[c]..cuts[c + 1]];
                pieces.Add(i, piece, sourceFrame.Frame(piece));
            }
        }

        return pieces;
    }

    /// <summary>Source pieces laid out as targets in latent ids: where source-initialised sampling starts.</summary>
    public List<long[]> StartRows(IEnumerable<long[]> sourceContents)
    {
        List<long[]> rows = sourceContents.Select(content => layout.ArrangeSource(content, SourceLength)).ToList();
        vocabulary.ToLatentIdsOrNearest(rows);
        return rows;
    }

    /// <summary>The target content (codec ids, special tokens removed) of one generated row in latent ids.</summary>
    public int[] TargetContent(long[] row) => layout.ReadContent(vocabulary.ToCodecIds(row));

    private long[] Content(string text) => codec.Tokenize(text).Select(id => (long)id).ToArray();

    private List<long[]> EncodeAtTargetLength(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        EncodedBatch batch = codec.EncodeBatch(texts, TargetLength);
        return Enumerable.Range(0, texts.Count).Select(i => batch.Row(i).ToArray()).ToList();
    }
}
