using Smoothie.Embeddings;
using Smoothie.Text;

namespace Smoothie.Diffusion.Embeddings;

/// <summary>User-supplied embeddings with the codec whose ids they are aligned with (e.g. read by a reader of
/// <c>Smoothie.Embeddings.Readers</c>).</summary>
public sealed class CustomEmbeddingProvider : IEmbeddingProvider
{
    private readonly ITextCodec codec;
    private readonly TokenEmbeddings embeddings;

    /// <summary>Pairs a codec with an embedding table, checking that they are aligned.</summary>
    /// <param name="codec">The text codec.</param>
    /// <param name="embeddings">Its embeddings: one row per codec id, in id order.</param>
    /// <exception cref="ArgumentException">The row count differs from the codec's vocabulary size.</exception>
    public CustomEmbeddingProvider(ITextCodec codec, TokenEmbeddings embeddings)
    {
        this.codec = codec ?? throw new ArgumentNullException(nameof(codec));
        this.embeddings = embeddings ?? throw new ArgumentNullException(nameof(embeddings));
        if (embeddings.Rows != codec.VocabularySize)
        {
            throw new ArgumentException($"The embeddings have {embeddings.Rows} rows but the codec's vocabulary has {codec.VocabularySize} tokens; they must be aligned row for row.", nameof(embeddings));
        }
    }

    /// <inheritdoc />
    public string SourceKind => "custom";

    /// <inheritdoc />
    public ITextCodec CreateCodec() => codec;

    /// <inheritdoc />
    public TokenEmbeddings LoadEmbeddings() => embeddings;
}
