using Smoothie.Embeddings;
using Smoothie.Embeddings.Readers;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Embeddings/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieEmbeddingsReadme
{
    public static (int Rows, long Dimension) Example(string glovePath)
    {
        TokenEmbeddings table = GloveTextReader.Read(glovePath, maxWords: 20_000);  // e.g. glove.6B.50d.txt
        using EmbeddingMatrix matrix = EmbeddingMatrix.FromTokenEmbeddings(table);
        Console.WriteLine($"{table.Rows} tokens x {matrix.Dimension} dimensions from {table.Source}");
        return (table.Rows, matrix.Dimension);
    }
}
