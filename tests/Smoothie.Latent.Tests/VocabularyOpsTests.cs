using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace Smoothie.Latent.Tests;

public class VocabularyOpsTests(ITestOutputHelper output)
{
    private readonly bool loaded = EnsureLoaded();

    private static bool EnsureLoaded()
    {
        TorchSharpRuntime.EnsureLoaded();
        return true;
    }

    [Fact]
    public void DistancesMatchBruteForceDoubleComputation()
    {
        using EmbeddingMatrix matrix = TestData.RandomMatrix(37, 5, seed: 21);
        using Tensor x = torch.randn([2, 3, 5], generator: new Generator(1));
        const double sigma = 1.5;
        using Tensor d = VocabularyOps.ScaledNegativeSquaredDistances(x, matrix, sigma);
        Assert.Equal(new long[] { 2, 3, 37 }, d.shape);

        float[] e = matrix.Weights.data<float>().ToArray();
        float[] xs = x.data<float>().ToArray();
        float[] ds = d.data<float>().ToArray();
        for (int row = 0; row < 6; row++)
        {
            for (int j = 0; j < 37; j++)
            {
                double squared = 0;
                for (int k = 0; k < 5; k++)
                {
                    double diff = xs[(row * 5) + k] - e[(j * 5) + k];
                    squared += diff * diff;
                }

                Assert.Equal(-squared / (2 * sigma * sigma), ds[(row * 37) + j], 4);
            }
        }
    }

    [Fact]
    public void ChunkedAndUnchunkedAgreeOverRandomShapesAndBudgets()
    {
        var random = new Random(1234);
        for (int trial = 0; trial < 25; trial++)
        {
            using var scope = NewDisposeScope();
            int v = random.Next(2, 400);
            int dim = random.Next(1, 33);
            long[] shape = [random.Next(1, 5), random.Next(1, 9)];
            double sigma = 0.3 + (random.NextDouble() * 5);
            using EmbeddingMatrix matrix = TestData.RandomMatrix(v, dim, seed: trial);
            var gen = new Generator((ulong)trial);
            Tensor x = torch.randn([.. shape, dim], generator: gen);
            Tensor logits = torch.randn([.. shape, v], generator: gen).mul_(3);
            var small = new LatentChunking(v * 4L * random.Next(1, 4));
            var tiny = new LatentChunking(1);

            foreach (LatentChunking budget in new[] { small, tiny })
            {
                string context = $"trial {trial}: V={v} d={dim} shape=[{string.Join(",", shape)}] budget={budget}";
                TestData.AssertClose(
                    VocabularyOps.ScaledNegativeSquaredDistances(x, matrix, sigma, LatentChunking.Unbounded),
                    VocabularyOps.ScaledNegativeSquaredDistances(x, matrix, sigma, budget),
                    context);
                TestData.AssertClose(
                    VocabularyOps.SoftmaxMix(logits, matrix, LatentChunking.Unbounded),
                    VocabularyOps.SoftmaxMix(logits, matrix, budget),
                    context);
                TestData.AssertClose(
                    VocabularyOps.DistanceSoftmaxMix(x, matrix, sigma, LatentChunking.Unbounded),
                    VocabularyOps.DistanceSoftmaxMix(x, matrix, sigma, budget),
                    context);
                Assert.True(
                    VocabularyOps.NearestTokens(x, matrix, LatentChunking.Unbounded).IsEqualTo(VocabularyOps.NearestTokens(x, matrix, budget)),
                    context);
            }

            // The fused path equals the two-step path, and the argmax of the distances is the nearest token.
            Tensor distances = VocabularyOps.ScaledNegativeSquaredDistances(x, matrix, sigma);
            TestData.AssertClose(VocabularyOps.SoftmaxMix(distances, matrix), VocabularyOps.DistanceSoftmaxMix(x, matrix, sigma), $"fused, trial {trial}");
            Assert.True(distances.argmax(-1).IsEqualTo(VocabularyOps.NearestTokens(x, matrix)));
            Assert.True(distances.le(0).all().item<bool>());
        }
    }

    [Fact]
    public void WithGradientsChunkedPathMatchesAndBackpropagatesIntoTrainableE()
    {
        using EmbeddingMatrix matrix = EmbeddingMatrix.FromTokenEmbeddings(
            TestData.RandomTable(50, 8, seed: 31), new EmbeddingMatrixOptions { Trainable = true });
        using var scope = NewDisposeScope();
        Tensor x = torch.randn([3, 4, 8], generator: new Generator(3));
        Tensor chunked = VocabularyOps.DistanceSoftmaxMix(x, matrix, 1.5, new LatentChunking(50 * 4 * 5));
        Tensor whole = VocabularyOps.DistanceSoftmaxMix(x, matrix, 1.5, LatentChunking.Unbounded);
        TestData.AssertClose(whole.detach(), chunked.detach(), "grad path");
        chunked.sum().backward();
        Assert.NotNull(matrix.Weights.grad);
        Assert.True(matrix.Weights.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void OpsRejectMismatchedShapesAndBadParameters()
    {
        using EmbeddingMatrix matrix = TestData.RandomMatrix(20, 4, seed: 41);
        using var scope = NewDisposeScope();
        Tensor wrongWidth = torch.zeros(2, 3, 5);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => VocabularyOps.ScaledNegativeSquaredDistances(wrongWidth, matrix, 1)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => VocabularyOps.NearestTokens(wrongWidth, matrix)).ParamName);
        Assert.Equal("logits", Assert.Throws<ArgumentException>(() => VocabularyOps.SoftmaxMix(torch.zeros(2, 19), matrix)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => VocabularyOps.DistanceSoftmaxMix(torch.zeros(4), matrix, 1)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => VocabularyOps.NearestTokens(torch.zeros([2, 4], ScalarType.Int64), matrix)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => VocabularyOps.ScaledNegativeSquaredDistances(torch.zeros(2, 4), matrix, 0)).ParamName);
        Assert.Equal("sigma", Assert.Throws<ArgumentOutOfRangeException>(() => VocabularyOps.DistanceSoftmaxMix(torch.zeros(2, 4), matrix, double.NaN)).ParamName);
        Assert.Equal("maxBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new LatentChunking(0)).ParamName);
    }

    [Fact]
    public void NearestTokensOverMoreThan4GiBOfScoresRunsWithinTheBudget()
    {
        // B×L×V = 36 × 1000 × 30,522 float32 scores = 4.39 GB (> 4 GiB) if computed at once.
        const int v = 30_522, dim = 64, batch = 36, length = 1000;
        const long budget = 256L << 20;
        Assert.True((long)batch * length * v * sizeof(float) > (4L << 30));

        using EmbeddingMatrix matrix = TestData.RandomMatrix(v, dim, seed: 51);
        using var scope = NewDisposeScope();
        var gen = new Generator(7);
        Tensor truth = torch.randint(0, v, [batch, length], generator: gen);
        Tensor x = matrix.Weights.index_select(0, truth.flatten()).reshape(batch, length, dim)
            .add_(torch.randn([batch, length, dim], generator: gen).mul_(0.01));

        Tensor? decoded = null;
        PeakResidentGrowthReport peak = PeakResidentGrowth.Measure(
            () =>
            {
                decoded?.Dispose();
                decoded = VocabularyOps.NearestTokens(x, matrix, new LatentChunking(budget));
            },
            limitBytes: budget + (128L << 20));
        output.WriteLine($"budget {budget >> 20} MiB: {peak}, loaded {loaded}");

        Assert.NotNull(decoded);
        Assert.Equal(new long[] { batch, length }, decoded.shape);
        Assert.True(decoded.IsEqualTo(truth), "every perturbed embedding must decode to its own token");
        Assert.True(peak.WithinLimit, $"the peak extra memory exceeds the {budget >> 20} MiB budget by more than 128 MiB: {peak}");
    }

    [Fact]
    public void DistanceOpsRepeated200TimesLeakNoTensorsAndDoNotGrowProcessMemory()
    {
        using var ops = new RepeatedDistanceOps();

        // The exact leak check: every tensor a round creates is disposed with its scope.
        ops.Round();
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        // The memory check: what the C heap holds allocated (not the resident set, which also counts the freed blocks
        // glibc keeps and grew by 482 MiB in one CI run), after a warm-up, best of up to three attempts.
        NativeHeapGrowthReport report = NativeHeapGrowth.Measure(ops.Round, RepeatedDistanceOps.Rounds, RepeatedDistanceOps.Limit, warmUpRounds: 20);
        output.WriteLine(report.ToString());
        Assert.Equal(liveBefore, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(report.WithinLimit, report.ToString());
    }

    [Fact]
    public void DistanceOpsThatKeepTheTensorsOfEveryRoundFailTheMemoryCheck()
    {
        // The check above with its limit, on rounds whose scope is kept instead of disposed: a real leak must fail it.
        using var ops = new RepeatedDistanceOps();
        var kept = new List<DisposeScope>();
        try
        {
            NativeHeapGrowthReport report = NativeHeapGrowth.Measure(() => ops.Round(kept), RepeatedDistanceOps.Rounds, RepeatedDistanceOps.Limit, warmUpRounds: 0);
            output.WriteLine(report.ToString());
            Assert.False(report.WithinLimit, report.ToString());
            Assert.Equal(3, report.Attempts.Count);
        }
        finally
        {
            kept.Reverse();
            kept.ForEach(scope => scope.Dispose());
        }
    }
}
