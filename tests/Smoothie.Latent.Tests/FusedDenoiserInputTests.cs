using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace Smoothie.Latent.Tests;

/// <summary>The fused denoiser inputs (<see cref="IFusedDenoiserInput"/>, <see cref="VocabularyOps.NoisySoftmaxMix"/>, <see cref="VocabularyOps.NoisyDistanceSoftmaxMix"/>) against the two-step path.</summary>
public class FusedDenoiserInputTests(ITestOutputHelper output)
{
    private readonly bool loaded = EnsureLoaded();

    private static bool EnsureLoaded()
    {
        TorchSharpRuntime.EnsureLoaded();
        return true;
    }

    [Fact]
    public void NoisySoftmaxMixWithoutNoiseEqualsSoftmaxMixOfTheScaledGatheredLatentsForEveryBlockSize()
    {
        var random = new Random(17);
        for (int trial = 0; trial < 12; trial++)
        {
            using var scope = NewDisposeScope();
            int v = random.Next(2, 300);
            int dim = random.Next(1, 20);
            int distinct = random.Next(1, 9);
            int n = random.Next(1, 40);
            using EmbeddingMatrix matrix = TestData.RandomMatrix(v, dim, seed: trial);
            var gen = new Generator((ulong)trial);
            Tensor clean = torch.randn([distinct, v], generator: gen).mul_(3);
            Tensor index = torch.randint(0, distinct, [n], generator: gen);
            Tensor mu = torch.rand([n], generator: gen);
            Tensor std = torch.zeros(n);
            Tensor expected = VocabularyOps.SoftmaxMix(clean.index_select(0, index).mul(mu.unsqueeze(1)), matrix, LatentChunking.Unbounded);
            foreach (long budget in new long[] { v * 4L, v * 4L * 3, long.MaxValue })
            {
                Tensor actual = VocabularyOps.NoisySoftmaxMix(clean, index, mu, std, matrix, chunking: new LatentChunking(budget));
                TestData.AssertClose(expected, actual, $"trial {trial}, budget {budget}");
            }
        }
    }

    [Fact]
    public void NoisySoftmaxMixWithNoiseIsReproducibleForAGeneratorAndMatchesTheDistributionOfTheTwoStepPath()
    {
        using var scope = NewDisposeScope();
        using EmbeddingMatrix matrix = TestData.RandomMatrix(50, 8, seed: 3);
        Tensor clean = torch.randn([4, 50], generator: new Generator(1)).mul_(4);
        Tensor index = torch.arange(4).repeat(500);
        Tensor mu = torch.full(2000, 0.7f);
        Tensor std = torch.full(2000, 1.3f);

        Tensor first = VocabularyOps.NoisySoftmaxMix(clean, index, mu, std, matrix, new Generator(9), new LatentChunking(50 * 4 * 7));
        Tensor again = VocabularyOps.NoisySoftmaxMix(clean, index, mu, std, matrix, new Generator(9), new LatentChunking(50 * 4 * 7));
        Assert.True(first.allclose(again, 0, 0), "the same generator seed must give the same input");

        // Two-step path with independent noise: per distinct token, the mean input over 500 draws must agree.
        Tensor noisy = clean.index_select(0, index).mul(0.7).add_(torch.randn([2000, 50], generator: new Generator(10)).mul_(1.3));
        Tensor twoStep = VocabularyOps.SoftmaxMix(noisy, matrix);
        Tensor fusedMeans = first.view(500, 4, 8).mean([0]);
        Tensor twoStepMeans = twoStep.view(500, 4, 8).mean([0]);
        double spread = twoStep.view(500, 4, 8).std([0]).max().item<float>();
        double gap = (fusedMeans - twoStepMeans).abs().max().item<float>();
        output.WriteLine($"largest gap of per-token means {gap:F4}; per-draw std ≤ {spread:F4}");

        // Standard error of a difference of two means of 500 draws: spread·√(2/500) ≈ 0.063·spread; allow 5 of them.
        Assert.True(gap < 5 * spread * Math.Sqrt(2.0 / 500), $"mean inputs differ by {gap} (per-draw std {spread})");
        Assert.False(first.allclose(VocabularyOps.NoisySoftmaxMix(clean, index, mu, torch.zeros(2000), matrix), 1e-3, 1e-3), "noise must change the input");
    }

    [Fact]
    public void DistanceSpaceFusedTrainingInputWithoutNoiseEqualsDenoiserInputOfTheScaledCleanLatent()
    {
        using var scope = NewDisposeScope();
        using EmbeddingMatrix matrix = TestData.RandomMatrix(120, 16, seed: 5);
        var space = new DistanceLatentSpace(matrix, sigmaMin: 1.2, chunking: new LatentChunking(120 * 4 * 5));
        Assert.True(space.CanFuseDenoiserInput);
        Tensor ids = torch.randint(0, 120, [3, 11], generator: new Generator(2));
        Tensor mu = torch.tensor(new[] { 1f, 0.5f, 0.05f });
        Tensor actual = space.FusedTrainingInput(ids, mu, torch.zeros(3));
        Tensor expected = space.DenoiserInput(space.CleanLatent(ids).mul(mu.view(3, 1, 1)));
        Assert.Equal(new long[] { 3, 11, 16 }, actual.shape);
        TestData.AssertClose(expected, actual, "fused vs two-step");
    }

    [Fact]
    public void DistanceSpaceFusedTrainingInputIsUnavailableForThePosteriorInputAndRejectsBadShapes()
    {
        using var scope = NewDisposeScope();
        using EmbeddingMatrix matrix = TestData.RandomMatrix(30, 4, seed: 6);
        var posterior = new DistanceLatentSpace(matrix, sigmaMin: 1.5, inputMode: DistanceInputMode.Posterior);
        Assert.False(posterior.CanFuseDenoiserInput);
        Assert.Throws<InvalidOperationException>(() => posterior.FusedTrainingInput(torch.zeros([2, 3], ScalarType.Int64), torch.ones(2), torch.ones(2)));

        var space = new DistanceLatentSpace(matrix, sigmaMin: 1.5);
        Assert.Equal("tokenIds", Assert.Throws<ArgumentException>(() => space.FusedTrainingInput(torch.zeros([6], ScalarType.Int64), torch.ones(2), torch.ones(2))).ParamName);
        Assert.Equal("std", Assert.Throws<ArgumentException>(() => space.FusedTrainingInput(torch.zeros([2, 3], ScalarType.Int64), torch.ones(2), torch.ones(3))).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentException>(() => VocabularyOps.NoisySoftmaxMix(torch.zeros(2, 30), torch.zeros([4], ScalarType.Int32), torch.ones(4), torch.ones(4), matrix)).ParamName);
        Assert.Equal("mu", Assert.Throws<ArgumentException>(() => VocabularyOps.NoisySoftmaxMix(torch.zeros(2, 30), torch.zeros([4], ScalarType.Int64), torch.ones(3), torch.ones(4), matrix)).ParamName);
    }

    [Fact]
    public void NoisyDistanceSoftmaxMixWithoutNoiseEqualsSoftmaxMixOfTheScaledDistanceLatentForEveryBlockSize()
    {
        var random = new Random(23);
        for (int trial = 0; trial < 12; trial++)
        {
            using var scope = NewDisposeScope();
            int v = random.Next(2, 300);
            int dim = random.Next(1, 20);
            using EmbeddingMatrix matrix = TestData.RandomMatrix(v, dim, seed: 100 + trial);
            var gen = new Generator((ulong)trial);
            Tensor x = torch.randn([random.Next(1, 4), random.Next(1, 12), dim], generator: gen);
            double sigma = 0.5 + (2 * random.NextDouble());
            double mu = random.NextDouble() * 2;
            Tensor expected = VocabularyOps.SoftmaxMix(VocabularyOps.ScaledNegativeSquaredDistances(x, matrix, sigma).mul(mu), matrix, LatentChunking.Unbounded);
            foreach (long budget in new long[] { v * 4L, v * 4L * 5, long.MaxValue })
            {
                Tensor actual = VocabularyOps.NoisyDistanceSoftmaxMix(x, matrix, sigma, mu, 0, chunking: new LatentChunking(budget));
                TestData.AssertClose(expected, actual, $"trial {trial}, budget {budget}");
            }
        }
    }

    [Fact]
    public void DistanceSpaceFusedRenoisedAndPriorInputsMatchTheTwoStepPathInValueAndDistribution()
    {
        using var scope = NewDisposeScope();
        using EmbeddingMatrix matrix = TestData.RandomMatrix(60, 8, seed: 8);
        var space = new DistanceLatentSpace(matrix, sigmaMin: 1.1, chunking: new LatentChunking(60 * 4 * 3));
        Tensor prediction = torch.randn([2, 5, 8], generator: new Generator(4));

        // Without noise: exactly DenoiserInput(μ·PredictionToLatent(ê)).
        TestData.AssertClose(space.DenoiserInput(space.PredictionToLatent(prediction).mul(0.4)), space.FusedRenoisedInput(prediction, 0.4, 0), "renoised, std 0");

        // Reproducible for a generator; the prior input has the mean of DenoiserInput(scale·ε) (500 × 4 positions).
        Assert.True(space.FusedRenoisedInput(prediction, 0.4, 2, new Generator(5)).allclose(space.FusedRenoisedInput(prediction, 0.4, 2, new Generator(5)), 0, 0));
        Tensor prior = space.FusedPriorInput(500, 4, 3.0, new Generator(6));
        Tensor twoStep = space.DenoiserInput(space.PriorSample(500, 4, 3.0, new Generator(7)));
        Assert.Equal(new long[] { 500, 4, 8 }, prior.shape);
        double spread = twoStep.reshape(-1, 8).std([0]).max().item<float>();
        double gap = (prior.reshape(-1, 8).mean([0]) - twoStep.reshape(-1, 8).mean([0])).abs().max().item<float>();
        output.WriteLine($"prior input: largest gap of means {gap:F4}, per-draw std ≤ {spread:F4}");
        Assert.True(gap < 5 * spread * Math.Sqrt(2.0 / 2000), $"prior inputs differ in mean by {gap} (per-draw std {spread})");

        Assert.Throws<ArgumentOutOfRangeException>(() => space.FusedRenoisedInput(prediction, double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.FusedRenoisedInput(prediction, 1, -1));
        Assert.Equal("prediction", Assert.Throws<ArgumentException>(() => space.FusedRenoisedInput(torch.zeros(2, 5, 7), 1, 1)).ParamName);
        var posterior = new DistanceLatentSpace(matrix, sigmaMin: 1.5, inputMode: DistanceInputMode.Posterior);
        Assert.Throws<InvalidOperationException>(() => posterior.FusedPriorInput(1, 1, 1));
        Assert.Throws<InvalidOperationException>(() => posterior.FusedRenoisedInput(prediction, 1, 1));
    }

    [Fact]
    public void FusedInputsRepeated200TimesLeakNoTensors()
    {
        using EmbeddingMatrix matrix = TestData.RandomMatrix(2000, 32, seed: 7);
        var space = new DistanceLatentSpace(matrix, sigmaMin: 1.5, chunking: new LatentChunking(1L << 20));
        using Tensor ids = torch.randint(0, 2000, [4, 24], generator: new Generator(3));
        using Tensor mu = torch.full(4, 0.5f);
        using Tensor std = torch.full(4, 2f);
        space.FusedTrainingInput(ids, mu, std).Dispose();
        space.FusedRenoisedInput(torch.randn(4, 24, 32), 0.5, 2).Dispose();
        space.FusedPriorInput(4, 24, 2).Dispose();
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 200; i++)
        {
            using var scope = NewDisposeScope();
            Assert.Equal(new long[] { 4, 24, 32 }, space.FusedTrainingInput(ids, mu, std).shape);
            Assert.Equal(new long[] { 4, 24, 32 }, space.FusedRenoisedInput(torch.randn(4, 24, 32), 0.5, 2).shape);
            Assert.Equal(new long[] { 4, 24, 32 }, space.FusedPriorInput(4, 24, 2).shape);
        }

        Assert.Equal(liveBefore, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
