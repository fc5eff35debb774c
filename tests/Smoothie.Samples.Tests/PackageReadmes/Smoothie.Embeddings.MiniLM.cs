using Smoothie.Embeddings;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Text;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Embeddings.MiniLM/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieEmbeddingsMiniLMReadme
{
    public static int Example()
    {
        TokenEmbeddings embeddings = MiniLmEmbeddings.Load();          // cached; [30522, 384]
        WordPieceTextCodec codec = MiniLmEmbeddings.CreateCodec();   // the same uncased vocabulary
        EncodedText encoded = codec.Encode("In the beginning", length: 8);
        Console.WriteLine($"{embeddings.Rows} x {embeddings.Dimension}; first id {encoded.Ids[1]}");
        return encoded.Ids[1];
    }
}
