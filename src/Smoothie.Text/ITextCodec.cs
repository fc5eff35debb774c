namespace Smoothie.Text;

/// <summary>
/// Turns text into fixed-length token id sequences for diffusion and back. Every encoded sequence has the layout
/// <c>[start?] content… [end] [pad]…</c> of exactly the requested length; content that does not fit is cut and the cut
/// is recorded in <see cref="Truncations"/> (or rejected, see <see cref="TruncationPolicy"/>) — never silently.
/// Decoding stops at the first end token and skips special tokens.
/// </summary>
public interface ITextCodec
{
    /// <summary>The number of token ids (rows an aligned embedding matrix must have).</summary>
    int VocabularySize { get; }

    /// <summary>The token strings in id order (<c>Tokens[id]</c>); used to align embedding matrices.</summary>
    IReadOnlyList<string> Tokens { get; }

    /// <summary>The id written after the end token up to the fixed length.</summary>
    int PadId { get; }

    /// <summary>The id prepended to every sequence (<c>[CLS]</c>), or <see langword="null"/> when none is prepended.</summary>
    int? StartId { get; }

    /// <summary>The id appended after the content (<c>[SEP]</c> / EOS); decoding stops at its first occurrence.</summary>
    int EndId { get; }

    /// <summary>The id of unknown text (<c>[UNK]</c>), or <see langword="null"/> when the codec has none (byte-level BPE).</summary>
    int? UnknownId { get; }

    /// <summary>What happens when a text does not fit the requested length.</summary>
    TruncationPolicy TruncationPolicy { get; }

    /// <summary>Running record of every truncation this codec made.</summary>
    TruncationRecord Truncations { get; }

    /// <summary>Whether <paramref name="id"/> is a special token (skipped when decoding).</summary>
    /// <param name="id">A token id.</param>
    bool IsSpecial(int id);

    /// <summary>The content token ids of <paramref name="text"/>, without special tokens, padding or truncation.</summary>
    /// <param name="text">The text to tokenize.</param>
    IReadOnlyList<int> Tokenize(string text);

    /// <summary>Encodes one text to exactly <paramref name="length"/> ids.</summary>
    /// <param name="text">The text to encode.</param>
    /// <param name="length">The fixed sequence length, including the start and end tokens.</param>
    EncodedText Encode(string text, int length);

    /// <summary>Encodes texts to a row-major <c>[texts.Count, length]</c> int64 array (ready for a tensor).</summary>
    /// <param name="texts">The texts to encode.</param>
    /// <param name="length">The fixed sequence length, including the start and end tokens.</param>
    EncodedBatch EncodeBatch(IReadOnlyList<string> texts, int length);

    /// <summary>Decodes ids to text: stops at the first end token and skips special tokens.</summary>
    /// <param name="ids">Token ids, e.g. one row of a model's output.</param>
    string Decode(ReadOnlySpan<int> ids);

    /// <summary>Decodes int64 ids (a row of an encoded batch or tensor) to text; same rules as the int overload.</summary>
    /// <param name="ids">Token ids.</param>
    string Decode(ReadOnlySpan<long> ids);
}
