using Smoothie.Latent.Spaces;
using Smoothie.Embeddings;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Tests;

public class EmbeddingMatrixTests
{
    public EmbeddingMatrixTests() => TorchSharpRuntime.EnsureLoaded();

    [Fact]
    public void TotalNormalisationUsesScalarStatisticsOfUsedRowsOnly()
    {
        // Rows 0..9 are "[unused…]" with a wild offset: they must not move the statistics, but are still normalised.
        TokenEmbeddings table = TestData.RandomTable(200, 16, seed: 1, tokenName: i => i < 10 ? $"[unused{i}]" : $"w{i}");
        for (int i = 0; i < 10 * 16; i++)
        {
            table.Weights[i] += 100f;
        }

        double sum = 0, count = 0;
        for (int i = 10 * 16; i < table.Weights.Length; i++)
        {
            sum += table.Weights[i];
            count++;
        }

        double mean = sum / count;
        double squares = 0;
        for (int i = 10 * 16; i < table.Weights.Length; i++)
        {
            squares += (table.Weights[i] - mean) * (table.Weights[i] - mean);
        }

        double std = Math.Sqrt(squares / (count - 1));

        using EmbeddingMatrix matrix = EmbeddingMatrix.FromTokenEmbeddings(table);
        Assert.Equal(EmbeddingNormalization.Total, matrix.Normalization);
        Assert.Equal(mean, matrix.NormalizationMean.Single(), 9);
        Assert.Equal(std, matrix.NormalizationStd.Single(), 9);
        Assert.False(matrix.Weights.requires_grad);
        Assert.Equal(new long[] { 200, 16 }, matrix.Weights.shape);

        float[] values = matrix.Weights.data<float>().ToArray();
        for (int i = 0; i < values.Length; i += 37)
        {
            Assert.Equal((table.Weights[i] - mean) / std, values[i], 4);
        }

        using Tensor used = matrix.Weights.narrow(0, 10, 190);
        Assert.Equal(0.0, used.mean().item<float>(), 4);
        Assert.Equal(1.0, used.std().item<float>(), 4);
    }

    [Fact]
    public void PerFeatureNormalisationGivesZeroMeanUnitStdColumns()
    {
        TokenEmbeddings table = TestData.RandomTable(300, 8, seed: 2);
        using EmbeddingMatrix matrix = EmbeddingMatrix.FromTokenEmbeddings(
            table, new EmbeddingMatrixOptions { Normalization = EmbeddingNormalization.PerFeature });
        Assert.Equal(8, matrix.NormalizationMean.Count);
        using Tensor means = matrix.Weights.mean([0]);
        using Tensor stds = matrix.Weights.std(0);
        for (int j = 0; j < 8; j++)
        {
            Assert.Equal(0.0, means[j].item<float>(), 4);
            Assert.Equal(1.0, stds[j].item<float>(), 4);
        }
    }

    [Fact]
    public void NoNormalisationKeepsRawValues()
    {
        TokenEmbeddings table = TestData.RandomTable(20, 4, seed: 3);
        using EmbeddingMatrix matrix = EmbeddingMatrix.FromTokenEmbeddings(
            table, new EmbeddingMatrixOptions { Normalization = EmbeddingNormalization.None });
        Assert.Equal(table.Weights, matrix.Weights.data<float>().ToArray());
        Assert.Empty(matrix.NormalizationMean);
    }

    [Fact]
    public void SquaredNormsAreCachedRowNorms()
    {
        using EmbeddingMatrix matrix = TestData.RandomMatrix(50, 12, seed: 4);
        using Tensor expected = matrix.Weights.square().sum(1);
        Assert.True(matrix.SquaredNorms.allclose(expected, 1e-5, 1e-5));
        Assert.Same(matrix.SquaredNorms, matrix.SquaredNorms);
    }

    [Fact]
    public void TrainableRequiresGradAndRefreshUpdatesNorms()
    {
        using EmbeddingMatrix matrix = EmbeddingMatrix.FromTokenEmbeddings(
            TestData.RandomTable(10, 3, seed: 5), new EmbeddingMatrixOptions { Trainable = true });
        Assert.True(matrix.Weights.requires_grad);
        using (no_grad())
        {
            matrix.Weights.mul_(2);
        }

        matrix.RefreshSquaredNorms();
        using Tensor expected = matrix.Weights.detach().square().sum(1);
        Assert.True(matrix.SquaredNorms.allclose(expected, 1e-5, 1e-5));
    }

    [Fact]
    public void RestrictKeepsSelectedRowsTokensAndNorms()
    {
        using EmbeddingMatrix matrix = TestData.RandomMatrix(40, 6, seed: 6);
        var sub = new SubVocabulary([3, 0, 17, 39], 40);
        using EmbeddingMatrix restricted = matrix.Restrict(sub);
        Assert.Equal(4, restricted.VocabularySize);
        Assert.Equal(new[] { "tok0", "tok3", "tok17", "tok39" }, restricted.Tokens);
        for (int i = 0; i < 4; i++)
        {
            using Tensor original = matrix.Weights[sub.OriginalIds[i]];
            using Tensor kept = restricted.Weights[i];
            Assert.True(kept.IsEqualTo(original));
            Assert.Equal(matrix.SquaredNorms[sub.OriginalIds[i]].item<float>(), restricted.SquaredNorms[i].item<float>());
        }

        Assert.Equal(matrix.NormalizationMean, restricted.NormalizationMean);
    }

    [Fact]
    public void RestrictRejectsSubVocabularyOfAnotherSize()
    {
        using EmbeddingMatrix matrix = TestData.RandomMatrix(40, 6, seed: 7);
        var error = Assert.Throws<ArgumentException>(() => matrix.Restrict(new SubVocabulary([1], 41)));
        Assert.Equal("subVocabulary", error.ParamName);
    }

    [Fact]
    public void AllRowsExcludedOrZeroSpreadAreRejected()
    {
        TokenEmbeddings unusedOnly = TestData.RandomTable(5, 3, seed: 8, tokenName: i => $"[unused{i}]");
        Assert.Equal("embeddings", Assert.Throws<ArgumentException>(() => EmbeddingMatrix.FromTokenEmbeddings(unusedOnly)).ParamName);

        var constant = new TokenEmbeddings(["a", "b"], [1f, 1f, 1f, 1f], 2, "test");
        Assert.Equal("embeddings", Assert.Throws<ArgumentException>(() => EmbeddingMatrix.FromTokenEmbeddings(constant)).ParamName);
    }

    [Fact]
    public void BertUnusedFilterMatchesOnlyUnusedPrefix()
    {
        Assert.True(EmbeddingRowFilters.BertUnusedTokens("[unused0]"));
        Assert.True(EmbeddingRowFilters.BertUnusedTokens("[unused993]"));
        Assert.False(EmbeddingRowFilters.BertUnusedTokens("[UNK]"));
        Assert.False(EmbeddingRowFilters.BertUnusedTokens("unused"));
    }

    [Fact]
    public void DisposeReleasesAndBlocksFurtherUse()
    {
        EmbeddingMatrix matrix = TestData.RandomMatrix(10, 4, seed: 9);
        Tensor weights = matrix.Weights;
        matrix.Dispose();
        matrix.Dispose();
        Assert.True(weights.IsInvalid);
        Assert.Throws<ObjectDisposedException>(() => matrix.Weights);
    }

    [Fact]
    public void DistancesAndNearestTokensMatchTheirDefinitionsForEveryBlockSize()
    {
        using var scope = NewDisposeScope();
        using EmbeddingMatrix matrix = TestData.RandomMatrix(37, 5, seed: 11);
        Tensor x = torch.randn([3, 4, 5], generator: new Generator(12));
        const double Sigma = 0.8;

        // −‖x − E_j‖² / (2σ²) by broadcasting, and the nearest row by the smallest distance.
        Tensor squared = (x.unsqueeze(-2) - matrix.Weights).square().sum(-1);
        Tensor expected = squared.div(-2 * Sigma * Sigma);
        Tensor nearest = squared.argmin(-1);
        foreach (long budget in new long[] { 37 * 4, 37 * 4 * 5, long.MaxValue })
        {
            var chunking = new Smoothie.Runtime.LatentChunking(budget);
            TestData.AssertClose(expected, matrix.ScaledNegativeSquaredDistances(x, Sigma, chunking), $"distances, budget {budget}");
            Assert.True(nearest.equal(matrix.NearestTokens(x, chunking)).all().item<bool>(), $"nearest tokens, budget {budget}");
        }
    }
}
