namespace Smoothie.Text.Realization;

/// <summary>
/// The last part of generation: turns the content ids read out of a generated row (<see cref="Layout.ITargetLayout.ReadContent"/>)
/// into the text a reader gets.
/// </summary>
public interface ITextRealizer
{
    /// <summary>Turns content ids into text.</summary>
    /// <param name="content">Content ids (codec ids, no special tokens).</param>
    /// <param name="source">The source text the output rewrites (its spellings may be reused), or null.</param>
    /// <param name="removeRepeatedWords">Whether a word equal to the one before it is dropped (where the realizer supports it).</param>
    string Realize(IReadOnlyList<int> content, string? source, bool removeRepeatedWords);

    /// <summary>Turns content ids into text, dropping repeated words where supported.</summary>
    /// <param name="content">Content ids (codec ids, no special tokens).</param>
    /// <param name="source">The source text the output rewrites, or null.</param>
    string Realize(IReadOnlyList<int> content, string? source) => Realize(content, source, removeRepeatedWords: true);

    /// <summary>Creates the realizer a codec's outputs need: <see cref="WordPieceIdRealizer"/> for <see cref="WordPieceTextCodec"/>, else <see cref="DecodingRealizer"/>.</summary>
    /// <param name="codec">The text codec.</param>
    /// <param name="casing">The usual spellings of the training targets (WordPiece codecs), or null.</param>
    static ITextRealizer For(ITextCodec codec, CasingTable? casing)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return For(codec, casing, null);
    }

    /// <summary>Creates the realizer a codec's outputs need, knowing the words of the training targets (WordPiece codecs).</summary>
    /// <param name="codec">The text codec.</param>
    /// <param name="casing">The usual spellings of the training targets (WordPiece codecs), or null.</param>
    /// <param name="targetWords">The lower-cased words of the training targets (WordPiece codecs), or null.</param>
    static ITextRealizer For(ITextCodec codec, CasingTable? casing, IReadOnlySet<string>? targetWords)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return codec is WordPieceTextCodec ? new WordPieceIdRealizer(codec, casing, targetWords) : new DecodingRealizer(codec);
    }
}
