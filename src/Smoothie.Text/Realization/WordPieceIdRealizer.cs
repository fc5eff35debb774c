namespace Smoothie.Text.Realization;

/// <summary>
/// Realizes the content ids of a WordPiece codec with <see cref="WordPieceRealizer"/>: whole words spelled as the source
/// (when given) or the training targets (<see cref="Casing"/>) spell them, sentence starts capitalised, punctuation attached.
/// </summary>
public sealed class WordPieceIdRealizer : ITextRealizer
{
    private readonly IReadOnlyList<string> tokens;

    /// <summary>Creates the realizer.</summary>
    /// <param name="codec">The WordPiece codec whose ids are realized (its tokens are read).</param>
    /// <param name="casing">The usual spellings of the training targets, or null to use the source's only.</param>
    public WordPieceIdRealizer(ITextCodec codec, CasingTable? casing)
        : this(codec, casing, null)
    {
    }

    /// <summary>Creates the realizer with the words of the training targets (never "repaired" into source words).</summary>
    /// <param name="codec">The WordPiece codec whose ids are realized (its tokens are read).</param>
    /// <param name="casing">The usual spellings of the training targets, or null to use the source's only.</param>
    /// <param name="targetWords">The lower-cased words of the training targets, or null (see <see cref="WordPieceRealizer.TargetWords"/>).</param>
    public WordPieceIdRealizer(ITextCodec codec, CasingTable? casing, IReadOnlySet<string>? targetWords)
    {
        ArgumentNullException.ThrowIfNull(codec);
        tokens = codec.Tokens;
        Casing = casing;
        TargetWords = targetWords;
    }

    /// <summary>The usual spellings, or null.</summary>
    public CasingTable? Casing { get; }

    /// <summary>The lower-cased words of the training targets, or null when unknown.</summary>
    public IReadOnlySet<string>? TargetWords { get; }

    /// <inheritdoc />
    public string Realize(IReadOnlyList<int> content, string? source, bool removeRepeatedWords)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new WordPieceRealizer(Casing, removeRepeatedWords, TargetWords).Realize(content.Select(id => tokens[id]).ToList(), source);
    }
}
