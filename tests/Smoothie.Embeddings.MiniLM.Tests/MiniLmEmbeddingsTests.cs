using Smoothie.Embeddings;
using Smoothie.Text;

namespace Smoothie.Embeddings.MiniLM.Tests;

public class MiniLmEmbeddingsTests
{
    [Fact]
    public void MatrixIs30522By384WithDistinctRowsAndCached()
    {
        TokenEmbeddings embeddings = MiniLmEmbeddings.Load();

        Assert.Equal(30522, embeddings.Rows);
        Assert.Equal(384, embeddings.Dimension);
        Assert.Equal("minilm:all-MiniLM-L6-v2", embeddings.Source);
        Assert.Equal("[PAD]", embeddings.Tokens[0]);
        Assert.Equal("[CLS]", embeddings.Tokens[101]);
        Assert.Same(embeddings, MiniLmEmbeddings.Load());

        int king = IndexOf(embeddings, "king");
        int queen = IndexOf(embeddings, "queen");
        Assert.False(embeddings.Row(king).SequenceEqual(embeddings.Row(queen)));
        var distinctRows = new HashSet<string>();
        for (int row = 1000; row < 30522; row += 997)
        {
            distinctRows.Add(string.Join(",", embeddings.Row(row).ToArray()));
        }

        Assert.Equal(30, distinctRows.Count);
    }

    [Theory]
    [InlineData("king", new[] { "queen", "prince" })]
    [InlineData("lord", new[] { "god", "king" })]
    [InlineData("monday", new[] { "tuesday", "friday", "sunday" })]
    [InlineData("france", new[] { "paris", "french" })]
    [InlineData("water", new[] { "waters", "river" })]
    public void NearestNeighboursByCosineAreSensible(string probe, string[] anyOf)
    {
        TokenEmbeddings embeddings = MiniLmEmbeddings.Load();

        IReadOnlyList<string> nearest = NearestByCosine(embeddings, probe, 10);

        Assert.True(anyOf.Any(nearest.Contains), $"10 nearest of '{probe}': {string.Join(", ", nearest)}");
    }

    [Theory]
    [InlineData("In the beginning God created the heaven and the earth.")]
    [InlineData("And God said, Let there be light: and there was light.")]
    [InlineData("The quick brown fox doesn't jump over the lazy dog!")]
    [InlineData("Where are you going? I'm going home, and they're staying.")]
    public void VocabularyRoundTripsRealSentencesUncased(string sentence)
    {
        WordPieceTextCodec codec = MiniLmEmbeddings.CreateCodec();

        EncodedText encoded = codec.Encode(sentence, 64);
        string decoded = codec.Decode(encoded.Ids);

        Assert.Equal(sentence.ToLowerInvariant(), decoded);
        Assert.Equal(101, encoded.Ids[0]);
        Assert.Equal(102, encoded.Ids[encoded.UsedLength - 1]);
        Assert.Equal(MiniLmEmbeddings.Load().Rows, codec.VocabularySize);
    }

    [Fact]
    public void CodecIdsIndexTheSameTokensAsTheMatrix()
    {
        WordPieceTextCodec codec = MiniLmEmbeddings.CreateCodec();
        TokenEmbeddings embeddings = MiniLmEmbeddings.Load();

        IReadOnlyList<int> ids = codec.Tokenize("king queen");

        Assert.Equal(["king", "queen"], ids.Select(id => embeddings.Tokens[id]));
    }

    internal static int IndexOf(TokenEmbeddings embeddings, string token)
    {
        for (int i = 0; i < embeddings.Rows; i++)
        {
            if (embeddings.Tokens[i] == token)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"'{token}' is not in the vocabulary.");
    }

    internal static IReadOnlyList<string> NearestByCosine(TokenEmbeddings embeddings, string probe, int count)
    {
        int p = IndexOf(embeddings, probe);
        ReadOnlySpan<float> query = embeddings.Row(p);
        double queryNorm = Math.Sqrt(Dot(query, query));
        var scores = new (double Score, int Id)[embeddings.Rows];
        for (int i = 0; i < embeddings.Rows; i++)
        {
            ReadOnlySpan<float> row = embeddings.Row(i);
            scores[i] = (i == p ? double.NegativeInfinity : Dot(query, row) / (queryNorm * Math.Sqrt(Dot(row, row)) + 1e-12), i);
        }

        return scores.OrderByDescending(s => s.Score).Take(count).Select(s => embeddings.Tokens[s.Id]).ToList();
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
