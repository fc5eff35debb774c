using System.Globalization;

namespace Smoothie.Text.Fit;

/// <summary>
/// How well a model recipe fits a set of training pairs (<see cref="DataFit.Measure"/>): how much of each target is a copy
/// of its source under the source-aligned layout's alignment (<see cref="Layout.TokenAlignment"/>), how well the codec
/// covers the target language (pieces per word, <c>[UNK]</c> tokens, words its round trip alters), and what the model's
/// lengths do to the pairs (split, dropped). Counts are over the measured pairs (<see cref="PairsMeasured"/>).
/// </summary>
public sealed record DataFitReport
{
    /// <summary>
    /// The aligned layout suits data where at least this share of the target tokens are copies of source tokens
    /// (<see cref="AlignedShare"/>). Between the near-copy and the translation columns of the bundled Bible corpus
    /// (docs/training.md gives the measurements and the command).
    /// </summary>
    public const double AlignedLayoutMinimumShare = 0.5;

    /// <summary>The codec fits the target language when it cuts a target word into at most this many pieces on average.</summary>
    public const double MaxPiecesPerWord = 1.3;

    /// <summary>The codec fits the target language when at most this share of the target tokens are <c>[UNK]</c>.</summary>
    public const double MaxUnknownShare = 0.01;

    /// <summary>The codec fits the target language when its round trip alters at most this share of the target words (beyond case).</summary>
    public const double MaxAlteredWordShare = 0.02;

    /// <summary>The pairs given.</summary>
    public required int PairsGiven { get; init; }

    /// <summary>The pairs measured (all of them, or <see cref="DataFitOptions.MaxPairs"/> evenly spaced ones).</summary>
    public required int PairsMeasured { get; init; }

    /// <summary>The target tokens (codec content tokens, no special tokens) of the measured pairs.</summary>
    public required long TargetTokens { get; init; }

    /// <summary>The target tokens the alignment pairs with an equal source token (<see cref="Layout.TokenAlignment.MatchedCount"/>).</summary>
    public required long MatchedTargetTokens { get; init; }

    /// <summary>The target words and punctuation marks (<see cref="TextWords.Split"/>) of the measured pairs.</summary>
    public required long TargetWords { get; init; }

    /// <summary>The target tokens that are the codec's unknown token (0 for a codec without one).</summary>
    public required long UnknownTargetTokens { get; init; }

    /// <summary>The target words the codec cannot write back: decoding their tokens gives another word (case aside), e.g. an accent stripped.</summary>
    public required long AlteredTargetWords { get; init; }

    /// <summary>The training pieces of the measured pairs: one per pair, more for pairs whose source is split.</summary>
    public required int Pieces { get; init; }

    /// <summary>Measured pairs whose source is longer than the source row and is split (with its target) at clause or word boundaries.</summary>
    public required int SplitPairs { get; init; }

    /// <summary>Pieces the source-aligned layout drops because their target does not fit the slots.</summary>
    public required int AlignedDroppedPieces { get; init; }

    /// <summary>Pieces the free layout drops because their target does not fit the target row.</summary>
    public required int FreeDroppedPieces { get; init; }

    /// <summary>
    /// The smallest free-layout target row length, start and end tokens included, that keeps at least
    /// <see cref="KeptPieceShare"/> of the pieces (what <c>--target-length</c> should be for the free layout).
    /// </summary>
    public required int SuggestedTargetLength { get; init; }

    /// <summary>The share of the pieces <see cref="SuggestedTargetLength"/> keeps.</summary>
    public const double KeptPieceShare = 0.98;

    /// <summary>The share of the target tokens that are copies of source tokens (0 without target tokens).</summary>
    public double AlignedShare => Share(MatchedTargetTokens, TargetTokens);

    /// <summary>Codec tokens per target word (punctuation marks count as words, as the codecs split them).</summary>
    public double PiecesPerTargetWord => Share(TargetTokens, TargetWords);

    /// <summary>The share of the target tokens that are <c>[UNK]</c>.</summary>
    public double UnknownTargetShare => Share(UnknownTargetTokens, TargetTokens);

    /// <summary>The share of the target words the codec's round trip alters (case aside).</summary>
    public double AlteredWordShare => Share(AlteredTargetWords, TargetWords);

    /// <summary>The share of the pieces the source-aligned layout drops.</summary>
    public double AlignedDroppedShare => Share(AlignedDroppedPieces, Pieces);

    /// <summary>The share of the pieces the free layout drops.</summary>
    public double FreeDroppedShare => Share(FreeDroppedPieces, Pieces);

    /// <summary>Whether the targets are near-copies of the sources: <see cref="AlignedShare"/> ≥ <see cref="AlignedLayoutMinimumShare"/>.</summary>
    public bool SuitsAlignedLayout => AlignedShare >= AlignedLayoutMinimumShare;

    /// <summary>
    /// Whether the codec covers the target language: pieces per word, <c>[UNK]</c> share and altered-word share within
    /// <see cref="MaxPiecesPerWord"/>, <see cref="MaxUnknownShare"/> and <see cref="MaxAlteredWordShare"/>.
    /// </summary>
    public bool VocabularyFits => VocabularyProblems().Count == 0;

    /// <summary>What about the codec does not fit the target language, one phrase per measure over its threshold (empty when it fits).</summary>
    public IReadOnlyList<string> VocabularyProblems()
    {
        var problems = new List<string>();
        if (PiecesPerTargetWord > MaxPiecesPerWord)
        {
            problems.Add(Invariant($"it cuts a target word into {PiecesPerTargetWord:0.00} pieces on average (fits: ≤ {MaxPiecesPerWord:0.0#})"));
        }

        if (UnknownTargetShare > MaxUnknownShare)
        {
            problems.Add(Invariant($"{Percent(UnknownTargetShare)} of the target tokens are [UNK] (fits: ≤ {Percent(MaxUnknownShare)})"));
        }

        if (AlteredWordShare > MaxAlteredWordShare)
        {
            problems.Add(Invariant($"it cannot write back {Percent(AlteredWordShare)} of the target words, e.g. accents are lost (fits: ≤ {Percent(MaxAlteredWordShare)})"));
        }

        return problems;
    }

    /// <summary>One line with every measure, for logs.</summary>
    public override string ToString() =>
        Invariant($"{PairsMeasured:N0} of {PairsGiven:N0} pairs: {Percent(AlignedShare)} of {TargetTokens:N0} target tokens align to the source; ")
        + Invariant($"{PiecesPerTargetWord:0.00} pieces per target word, {Percent(UnknownTargetShare)} [UNK], {Percent(AlteredWordShare)} of the words altered by the codec; ")
        + Invariant($"{Pieces:N0} pieces ({SplitPairs:N0} pairs split), dropped {AlignedDroppedPieces:N0} (aligned layout) / {FreeDroppedPieces:N0} (free layout).");

    /// <summary>A share as a percentage with one decimal, e.g. "12.5 %".</summary>
    /// <param name="share">A share in [0, 1].</param>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
