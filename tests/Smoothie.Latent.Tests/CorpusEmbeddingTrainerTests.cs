using System.Text.Json;
using Smoothie.Embeddings;
using Smoothie.Embeddings.Readers;

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
    public void CoOccurringWordsEndUpCloserThanUnrelatedOnes()
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
    public void SameSeedGivesIdenticalEmbeddingsAndUnseenTokensGetDistinctRows()
    {
        var options = new CorpusEmbeddingOptions { Dimension = 3, Window = 2, Seed = 11 };

        TokenEmbeddings a = CorpusEmbeddingTrainer.Train(Vocabulary, Corpus(), options);
        TokenEmbeddings b = CorpusEmbeddingTrainer.Train(Vocabulary, Corpus(), options);

        Assert.Equal(a.Weights, b.Weights);
        Assert.False(a.Row(0).SequenceEqual(a.Row(13)));
        Assert.Contains(a.Row(13).ToArray(), x => x != 0);
    }

    [Fact]
    public void TooLargeADimensionAndBadIdsAreRejected()
    {
        var tooWide = Assert.Throws<ArgumentException>(() =>
            CorpusEmbeddingTrainer.Train(Vocabulary, Corpus(), new CorpusEmbeddingOptions { Dimension = 50 }));
        Assert.Contains("12 distinct tokens", tooWide.Message);
        Assert.Throws<ArgumentException>(() => CorpusEmbeddingTrainer.Train(Vocabulary, [new[] { 1, 99 }], new CorpusEmbeddingOptions { Dimension = 1 }));
    }

    /// <summary>
    /// The SVD runs on torch.linalg (QR, SVD) since issue 20; the fixture holds the weights the former managed solver
    /// (modified Gram–Schmidt, cyclic Jacobi on BBᵀ) gave for this corpus, 240 tokens × 16 dimensions. Columns are
    /// compared up to sign, as an SVD's singular vectors are only defined up to sign.
    /// </summary>
    [Fact]
    public void TorchLinalgSvdGivesTheEmbeddingsOfTheFormerManagedSolver()
    {
        string[] vocabulary = Enumerable.Range(0, 240).Select(i => $"w{i}").ToArray();
        var random = new Random(3);
        var sequences = new List<int[]>();
        for (int s = 0; s < 1500; s++)
        {
            int topic = random.Next(6);
            sequences.Add(Enumerable.Range(0, 8).Select(_ => random.NextDouble() < 0.7 ? (topic * 35) + random.Next(35) : random.Next(230)).ToArray());
        }

        float[] expected = JsonSerializer.Deserialize<float[]>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ppmi-svd-managed-solver.json")))!;

        TokenEmbeddings embeddings = CorpusEmbeddingTrainer.Train(vocabulary, sequences, new CorpusEmbeddingOptions { Dimension = 16, Window = 3, Seed = 5 });

        Assert.Equal(expected.Length, embeddings.Weights.Length);
        for (int j = 0; j < 16; j++)
        {
            double dot = 0;
            for (int r = 0; r < 240; r++)
            {
                dot += expected[(r * 16) + j] * embeddings.Weights[(r * 16) + j];
            }

            float sign = dot < 0 ? -1 : 1;
            for (int r = 0; r < 240; r++)
            {
                Assert.InRange((sign * embeddings.Weights[(r * 16) + j]) - expected[(r * 16) + j], -1e-5f, 1e-5f);
            }
        }
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
