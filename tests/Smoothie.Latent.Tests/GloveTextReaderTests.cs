using Smoothie.Embeddings;
using Smoothie.Embeddings.Readers;

namespace Smoothie.Latent.Tests;

public class GloveTextReaderTests
{
    [Fact]
    public void ReadsGloveFormatWithTheVocabularyInFileOrder()
    {
        using var folder = new TempFolder();
        string path = folder.File("glove.txt");
        File.WriteAllText(path, "the 0.1 -0.2 0.3\nking 1 2 3\nqueen\t1.5\t2.5\t-3e-2\n\n");

        TokenEmbeddings embeddings = GloveTextReader.Read(path);

        Assert.Equal(["the", "king", "queen"], embeddings.Tokens);
        Assert.Equal(3, embeddings.Dimension);
        Assert.Equal(new[] { 1.5f, 2.5f, -0.03f }, embeddings.Row(2).ToArray());
        Assert.Equal("glove:glove.txt", embeddings.Source);
    }

    [Fact]
    public void ReadsWord2vecHeaderAndHonoursMaxWords()
    {
        using var folder = new TempFolder();
        string path = folder.File("w2v.txt");
        File.WriteAllText(path, "3 2\na 1 2\nb 3 4\nc 5 6\n");

        TokenEmbeddings all = GloveTextReader.Read(path);
        TokenEmbeddings two = GloveTextReader.Read(path, maxWords: 2);

        Assert.Equal(["a", "b", "c"], all.Tokens);
        Assert.Equal(new float[] { 5, 6 }, all.Row(2).ToArray());
        Assert.Equal(["a", "b"], two.Tokens);
    }

    [Theory]
    [InlineData("a 1 2 3\nb 1 2\n", "line 2", "has 2 values; expected 3")]
    [InlineData("2 3\na 1 2 3\nb 1 2 3 4\n", "line 3", "declared by the header")]
    [InlineData("3 2\na 1 2\nb 3 4\n", "declares 3 words", "truncated")]
    [InlineData("a 1 2\na 3 4\n", "line 2", "already appeared on line 1")]
    [InlineData("a 1 x\n", "line 1", "'x' is not a number")]
    [InlineData("a 1 NaN\n", "row 0", "finite")]
    [InlineData("", "no word vectors", "")]
    public void BadFilesAreExplained(string content, string part1, string part2)
    {
        using var folder = new TempFolder();
        string path = folder.File("bad.txt");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidDataException>(() => GloveTextReader.Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(part1, error.Message);
        Assert.Contains(part2, error.Message);
    }
}
