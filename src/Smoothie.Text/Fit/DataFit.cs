using Smoothie.Text.Layout;

namespace Smoothie.Text.Fit;

/// <summary>
/// Measures, before any training, whether a recipe fits the data (<see cref="DataFitReport"/>): the share of the target
/// tokens the source-aligned layout's alignment pairs with an equal source token (near-copies score near 1, translations
/// near 0), how the codec covers the target language, and which pairs the model's lengths split or drop — exactly as the
/// pipeline encodes training pairs (<see cref="AlignedPairSplitter"/>, <see cref="SourceAlignedLayout"/>,
/// <see cref="FreeLayout"/>). Deterministic; at most <see cref="DataFitOptions.MaxPairs"/> pairs are read.
/// </summary>
public static class DataFit
{
    /// <summary>Measures <paramref name="sources"/> → <paramref name="targets"/> with <paramref name="codec"/>.</summary>
    /// <param name="codec">The codec the model would use.</param>
    /// <param name="sources">The training sources.</param>
    /// <param name="targets">The training targets, one per source.</param>
    /// <param name="options">Lengths and sample size; null for the defaults.</param>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or hold a null text.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static DataFitReport Measure(ITextCodec codec, IReadOnlyList<string> sources, IReadOnlyList<string> targets, DataFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        options ??= new DataFitOptions();
        options.Validate();
        if (sources.Count != targets.Count)
        {
            throw new ArgumentException($"Every source needs its target: {sources.Count} sources but {targets.Count} targets.", nameof(targets));
        }

        if (sources.Count == 0)
        {
            throw new ArgumentException("There are no pairs to measure.", nameof(sources));
        }

        var tally = new Tally(codec, options);
        foreach (int i in SampleIndices(sources.Count, options.MaxPairs))
        {
            tally.Add(
                sources[i] ?? throw new ArgumentException($"Source {i} is null.", nameof(sources)),
                targets[i] ?? throw new ArgumentException($"Target {i} is null.", nameof(targets)));
        }

        return tally.Report(sources.Count);
    }

    /// <summary>All indices when there are at most <paramref name="max"/>, else <paramref name="max"/> evenly spaced ones.</summary>
    internal static IEnumerable<int> SampleIndices(int count, int max) =>
        count <= max ? Enumerable.Range(0, count) : Enumerable.Range(0, max).Select(k => (int)((long)k * count / max));

    /// <summary>The running counts of one measurement.</summary>
    private sealed class Tally
    {
        private readonly ITextCodec codec;
        private readonly int sourceLength;
        private readonly SourceAlignedLayout aligned;
        private readonly FreeLayout free;
        private readonly SourceChunker chunker;
        private readonly int maxSourceContent;
        private readonly Dictionary<string, bool> wordKept = new(StringComparer.Ordinal);
        private readonly List<int> pieceTargetLengths = [];
        private readonly int frame;
        private int pairs, pieces, split, alignedDropped, freeDropped;
        private long targetTokens, matched, words, unknown, altered;

        public Tally(ITextCodec codec, DataFitOptions options)
        {
            this.codec = codec;
            sourceLength = options.SourceLength;
            aligned = new SourceAlignedLayout(options.SlotsPerSourceToken, codec);
            free = new FreeLayout(codec, options.TargetLength);
            chunker = new SourceChunker(codec.Tokens);
            frame = codec.StartId is null ? 1 : 2;
            maxSourceContent = options.SourceLength - frame;
        }

        public void Add(string source, string target)
        {
            long[] sourceIds = Content(source);
            long[] targetIds = Content(target);
            pairs++;
            targetTokens += targetIds.Length;
            matched += TokenAlignment.Align(sourceIds, targetIds).MatchedCount;
            if (codec.UnknownId is { } unk)
            {
                unknown += targetIds.LongCount(id => id == unk);
            }

            foreach (string word in TextWords.Split(target))
            {
                words++;
                altered += KeepsWord(word) ? 0 : 1;
            }

            IReadOnlyList<(long[] Source, long[] Target)> cut = AlignedPairSplitter.Split(sourceIds, targetIds, maxSourceContent, chunker);
            split += cut.Count > 1 ? 1 : 0;
            foreach ((long[] pieceSource, long[] pieceTarget) in cut)
            {
                pieces++;
                pieceTargetLengths.Add(pieceTarget.Length);
                alignedDropped += aligned.Arrange(pieceSource, pieceTarget, sourceLength) is null ? 1 : 0;
                freeDropped += free.Arrange(pieceSource, pieceTarget, sourceLength) is null ? 1 : 0;
            }
        }

        public DataFitReport Report(int given) => new()
        {
            PairsGiven = given,
            PairsMeasured = pairs,
            TargetTokens = targetTokens,
            MatchedTargetTokens = matched,
            TargetWords = words,
            UnknownTargetTokens = unknown,
            AlteredTargetWords = altered,
            Pieces = pieces,
            SplitPairs = split,
            AlignedDroppedPieces = alignedDropped,
            FreeDroppedPieces = freeDropped,
            SuggestedTargetLength = LengthKeeping(DataFitReport.KeptPieceShare),
        };

        /// <summary>The smallest row length (frame included) whose content room holds at least <paramref name="share"/> of the piece targets.</summary>
        private int LengthKeeping(double share)
        {
            if (pieceTargetLengths.Count == 0)
            {
                return frame + 1;
            }

            int[] sorted = [.. pieceTargetLengths.Order()];
            int index = Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1);
            return Math.Max(sorted[index], 1) + frame;
        }

        private long[] Content(string text) => codec.Tokenize(text).Select(id => (long)id).ToArray();

        /// <summary>Whether decoding the word's tokens gives the word back, case aside.</summary>
        private bool KeepsWord(string word)
        {
            if (!wordKept.TryGetValue(word, out bool kept))
            {
                int[] ids = [.. codec.Tokenize(word)];
                kept = ids.Length > 0 && !ids.Any(codec.IsSpecial)
                    && string.Equals(codec.Decode(ids).Trim(), word, StringComparison.OrdinalIgnoreCase);
                wordKept[word] = kept;
            }

            return kept;
        }
    }
}
