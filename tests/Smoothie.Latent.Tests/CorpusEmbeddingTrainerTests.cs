using Smoothie.Latent.Embeddings;
using Smoothie.Latent.Embeddings.Readers;

namespace Smoothie.Latent.Tests;

public class CorpusEmbeddingTrainerTests
{
    private static readonly string[] Vocabulary =
        ["<pad>", "the", "cat", "dog", "purrs", "barks", "meows", "fetches", "car", "truck", "engine", "road", "drives", "unseen"];

    private static IEnumerable<IReadOnlyList<int>> Corpus()
    {
        // Animals co-occur with animal verbs; vehicles with vehicle words; the two groups never share a sentence.
        string[] sentences =
        [
            "the cat purrs", "the cat meows", "the dog barks", "the dog fetches", "cat dog purrs barks",
            "the dog purrs", "the cat barks", "cat meows dog fetches",
            "the car drives road", "the truck drives road", "car engine road", "truck engine drives",
            "the car engine", "the truck road", "car truck engine drives",
        ];
        var index = Vocabulary.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        for (int repeat = 0; repeat < 3; repeat++)
        {
            foreach (string sentence in sentences)
            {
                yield return sentence.Split(' ').Select(w => index[w]).ToArray();
            }
        }
    }

    [Fact]
    public void Co_occurring_words_end_up_closer_than_unrelated_ones()
    {
        TokenEmbeddings embeddings = CorpusEmbeddingTrainer.Train(Vocabulary, Corpus(), new CorpusEmbeddingOptions { Dimension = 4, Window = 3, Seed = 7 });

        Assert.Equal(Vocabulary.Length, embeddings.Rows);
        Assert.Equal(4, embeddings.Dimension);
        Assert.True(Cosine(embeddings, "cat", "dog") > Cosine(embeddings, "cat", "truck") + 0.3);
        Assert.True(Cosine(embeddings, "car", "truck") > Cosine(embeddings, "car", "dog") + 0.3);
        Assert.True(Cosine(embeddings, "cat", "purrs") > Cosine(embeddings, "cat", "engine") + 0.3);
        Assert.True(Cosine(embeddings, "truck", "engine") > Cosine(embeddings, "truck", "meows") + 0.3);
    }

    [Fact]
    public void Same_seed_gives_identical_embeddings_and_unseen_tokens_get_distinct_rows()
    {
        var options = new CorpusEmbeddingOptions { Dimension = 3, Window = 2, Seed = 11 };

        TokenEmbeddings a = CorpusEmbeddingTrainer.Train(Vocabulary, Corpus(), options);
        TokenEmbeddings b = CorpusEmbeddingTrainer.Train(Vocabulary, Corpus(), options);

        Assert.Equal(a.Weights, b.Weights);
        Assert.False(a.Row(0).SequenceEqual(a.Row(13)));
        Assert.Contains(a.Row(13).ToArray(), x => x != 0);
    }

    [Fact]
    public void Too_large_a_dimension_and_bad_ids_are_rejected()
    {
        var tooWide = Assert.Throws<ArgumentException>(() =>
            CorpusEmbeddingTrainer.Train(Vocabulary, Corpus(), new CorpusEmbeddingOptions { Dimension = 50 }));
        Assert.Contains("12 distinct tokens", tooWide.Message);
        Assert.Throws<ArgumentException>(() => CorpusEmbeddingTrainer.Train(Vocabulary, [new[] { 1, 99 }], new CorpusEmbeddingOptions { Dimension = 1 }));
    }

    private static double Cosine(TokenEmbeddings embeddings, string a, string b)
    {
        ReadOnlySpan<float> x = embeddings.Row(IndexOf(embeddings, a));
        ReadOnlySpan<float> y = embeddings.Row(IndexOf(embeddings, b));
        double dot = 0, nx = 0, ny = 0;
        for (int i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }

        return dot / Math.Sqrt(nx * ny);
    }

    private static int IndexOf(TokenEmbeddings embeddings, string token)
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
}
