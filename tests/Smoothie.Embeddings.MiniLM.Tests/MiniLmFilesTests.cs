using Smoothie.Embeddings;
using Smoothie.Embeddings.Readers;
using Smoothie.Text;

namespace Smoothie.Embeddings.MiniLM.Tests;

/// <summary>
/// Smoothie.Latent's ONNX reader, WordPiece codec and corpus-embedding trainer on MiniLM's real files (the rest of their
/// tests, on synthetic inputs, are in Smoothie.Latent.Tests).
/// </summary>
public class MiniLmFilesTests
{
    [Fact]
    public void ReadsTheRealMiniLMModelInitializers()
    {
        OnnxModelFile model = MiniLmEmbeddings.LoadModel();

        OnnxInitializer words = model.GetInitializer("embeddings.word_embeddings.weight");
        Assert.Equal(new long[] { 30522, 384 }, words.Shape);
        Assert.Equal(OnnxInitializer.Float, words.DataType);
        NamedTensor positions = model.GetInitializer("embeddings.position_embeddings.weight").ToTensor();
        Assert.Equal(new long[] { 512, 384 }, positions.Shape);
        Assert.Contains(positions.Data, x => x != 0);
        Assert.Contains(model.Nodes, n => n.OpType == "MatMul");
    }

    [Fact]
    public void RealUncasedVocabularyStripsAccentsAndRoundTripsBibleVerses()
    {
        WordPieceTextCodec codec = MiniLmEmbeddings.CreateCodec();

        Assert.Equal("cafe", codec.Decode(codec.Encode("Café", 8).Ids));
        Assert.Equal("naive zoe nguyen", codec.Decode(codec.Encode("Naïve Zoë Nguyễn", 16).Ids));
        foreach (string verse in new[]
        {
            "Jesus wept.",
            "For God so loved the world, that he gave his only begotten Son; that whosoever believeth in him should not perish.",
            "And the LORD God said, It is not good that the man should be alone: I will make him an help meet for him.",
        })
        {
            Assert.Equal(verse.ToLowerInvariant(), codec.Decode(codec.Encode(verse, 64).Ids));
        }
    }

    [Fact]
    public void TrainsForACodecVocabularyFromRawText()
    {
        WordPieceTextCodec codec = MiniLmEmbeddings.CreateCodec();
        string[] lines = ["the king rules the kingdom", "the queen rules the kingdom", "a cat chases a mouse", "a dog chases a cat"];

        TokenEmbeddings embeddings = CorpusEmbeddingTrainer.Train(codec, Enumerable.Repeat(lines, 4).SelectMany(l => l), new CorpusEmbeddingOptions { Dimension = 4, Window = 2 });

        Assert.Equal(codec.VocabularySize, embeddings.Rows);
        Assert.True(Cosine(embeddings, "king", "queen") > Cosine(embeddings, "king", "mouse"));
    }

    private static double Cosine(TokenEmbeddings embeddings, string a, string b)
    {
        ReadOnlySpan<float> x = embeddings.Row(MiniLmEmbeddingsTests.IndexOf(embeddings, a));
        ReadOnlySpan<float> y = embeddings.Row(MiniLmEmbeddingsTests.IndexOf(embeddings, b));
        double dot = 0, nx = 0, ny = 0;
        for (int i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }

        return dot / Math.Sqrt(nx * ny);
    }
}
