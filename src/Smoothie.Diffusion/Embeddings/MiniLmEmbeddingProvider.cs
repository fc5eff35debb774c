using Smoothie.Embeddings.MiniLM;
using Smoothie.Embeddings;
using Smoothie.Text;

namespace Smoothie.Diffusion.Embeddings;

/// <summary>The offline default: all-MiniLM-L6-v2 word embeddings (30,522 × 384) and its uncased WordPiece vocabulary.</summary>
public sealed class MiniLmEmbeddingProvider : IEmbeddingProvider
{
    /// <summary>The shared instance.</summary>
    public static MiniLmEmbeddingProvider Instance { get; } = new();

    /// <inheritdoc />
    public string SourceKind => "minilm";

    /// <inheritdoc />
    public ITextCodec CreateCodec() => MiniLmEmbeddings.CreateCodec();

    /// <inheritdoc />
    public TokenEmbeddings LoadEmbeddings() => MiniLmEmbeddings.Load();
}
