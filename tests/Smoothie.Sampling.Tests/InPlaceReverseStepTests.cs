using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Tests;

/// <summary>
/// The engine's row-chunked in-place reverse step (<see cref="ReverseStepExtensions.StepInPlace"/>) against the out-of-place
/// <see cref="ReverseStepExtensions.Step"/>: bit-identical results and the same random stream for every solver and budget.
/// </summary>
public sealed class InPlaceReverseStepTests(ITestOutputHelper output)
{
    private const int B = 3, L = 5, V = 37;
    private const double T = 0.6, TNext = 0.55;

    public static TheoryData<string, int, int> SolversAndBudgets()
    {
        var data = new TheoryData<string, int, int>();
        foreach (string name in ReverseSteps.Names)
        {
            // (rows per x̂0 block, rows per noise block): 1 row, blocks that do not divide 15 rows, all rows at once.
            foreach ((int rows, int noiseRows) in new[] { (1, 15), (4, 15), (7, 3), (15, 15), (100, 2) })
            {
                data.Add(name, rows, noiseRows);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SolversAndBudgets))]
    public void InPlaceEqualsOutOfPlaceBitForBitWithTheSameRandomStreamForEachSolver(string name, int rowsPerBlock, int noiseRowsPerBlock)
    {
        TorchSharpRuntime.EnsureLoaded();
        INoiseSchedule schedule = name == ReverseSteps.Sde ? new CosineSchedule() : new ArctanSchedule();
        IReverseStep solver = ReverseSteps.Create(name, new LatentChunking(noiseRowsPerBlock * V * sizeof(float)));
        using var scope = NewDisposeScope();
        var data = new Generator(11);
        Tensor xt = torch.randn([B, L, V], generator: data).mul_(2);
        Tensor x0 = torch.randn([B, L, V], generator: data).mul_(3);

        using var g1 = new Generator(5);
        using var g2 = new Generator(5);
        Tensor expected = solver.Step(xt, x0, T, TNext, schedule, g1);

        Tensor x = xt.clone();
        Tensor x0Rows = x0.view(-1, V);
        var blocks = new List<(long First, long Rows)>();
        solver.StepInPlace(
            x,
            (first, destination) =>
            {
                blocks.Add((first, destination.shape[0]));
                destination.copy_(x0Rows.narrow(0, first, destination.shape[0]));
            },
            T,
            TNext,
            schedule,
            g2,
            new LatentChunking(rowsPerBlock * V * sizeof(float)));

        Assert.True(x.IsEqualTo(expected), $"{name}: max |Δ| = {(x - expected).abs().max().item<float>()}");

        // Blocks cover the B·L rows once, in order, each at most the budget.
        long next = 0;
        foreach ((long first, long rows) in blocks)
        {
            Assert.Equal(next, first);
            Assert.InRange(rows, 1, rowsPerBlock);
            next += rows;
        }

        Assert.Equal(B * L, next);

        // Both generators consumed exactly the same draws.
        Assert.True(torch.rand([16], generator: g1).IsEqualTo(torch.rand([16], generator: g2)), "the generators diverged");
    }

    [Fact]
    public void StepInPlaceTheNoiseIsDrawnForTheStochasticSolvers()
    {
        using var scope = NewDisposeScope();
        var schedule = new CosineSchedule();
        Tensor x0 = torch.randn([B, L, V], generator: new Generator(1));
        foreach (string name in ReverseSteps.Names)
        {
            IReverseStep solver = ReverseSteps.Create(name);
            Tensor a = torch.zeros([B, L, V]);
            Tensor b = torch.zeros([B, L, V]);
            solver.StepInPlace(a, (f, d) => d.copy_(x0.view(-1, V).narrow(0, f, d.shape[0])), T, TNext, schedule, new Generator(1));
            solver.StepInPlace(b, (f, d) => d.copy_(x0.view(-1, V).narrow(0, f, d.shape[0])), T, TNext, schedule, new Generator(2));
            Assert.Equal(name != ReverseSteps.Ddim, !a.IsEqualTo(b));
        }
    }

    [Fact]
    public void StepInPlaceRejectsBadArguments()
    {
        using var scope = NewDisposeScope();
        var schedule = new CosineSchedule();
        CleanEstimateRows zeros = (_, d) => d.zero_();
        foreach (string name in ReverseSteps.Names)
        {
            IReverseStep step = ReverseSteps.Create(name);
            Tensor x = torch.zeros([4, 6, 8]);
            Assert.Equal("noisyLatent", Assert.ThrowsAny<ArgumentException>(() => step.StepInPlace(x.transpose(1, 2), zeros, T, TNext, schedule, null)).ParamName);
            Assert.Equal("noisyLatent", Assert.ThrowsAny<ArgumentException>(() => step.StepInPlace(torch.zeros([4, 6], ScalarType.Int64), zeros, T, TNext, schedule, null)).ParamName);
            Assert.Equal("noisyLatent", Assert.ThrowsAny<ArgumentException>(() => step.StepInPlace(torch.zeros([8]), zeros, T, TNext, schedule, null)).ParamName);
            Assert.Equal("cleanEstimate", Assert.ThrowsAny<ArgumentException>(() => step.StepInPlace(x, null!, T, TNext, schedule, null)).ParamName);
            Assert.Equal("tNext", Assert.ThrowsAny<ArgumentException>(() => step.StepInPlace(x, zeros, T, T, schedule, null)).ParamName);
            Assert.Equal("t", Assert.ThrowsAny<ArgumentException>(() => step.StepInPlace(x, zeros, 1.5, TNext, schedule, null)).ParamName);
        }

        Assert.Equal("schedule", Assert.Throws<ArgumentException>(() => new SdeStep().StepInPlace(torch.zeros([2, 3]), zeros, T, TNext, new SqrtSchedule(), null)).ParamName);
    }

    [Theory]
    [InlineData("distance")]
    [InlineData("simplex")]
    [InlineData("embedding")]
    public void PredictionToLatentIntoABlockEqualsTheRowsOfPredictionToLatent(string name)
    {
        using EmbeddingMatrix matrix = TinyEmbeddings.RandomMatrix(V, 6, seed: 3);
        ILatentSpace space = name switch
        {
            "distance" => new DistanceLatentSpace(matrix, sigmaMin: 1.5),
            "simplex" => new SimplexLatentSpace(matrix, TessParameters.Default.K),
            _ => new EmbeddingLatentSpace(matrix),
        };
        using var scope = NewDisposeScope();
        Tensor prediction = torch.randn([B, L, space.PredictionDimension], generator: new Generator(4));
        Tensor whole = space.PredictionToLatent(prediction).view(-1, space.LatentDimension);
        Tensor rows = prediction.view(-1, space.PredictionDimension);
        Tensor block = torch.full([4, space.LatentDimension], float.NaN);
        for (long first = 0; first < B * L; first += 4)
        {
            long n = Math.Min(4, (B * L) - first);
            Tensor destination = block.narrow(0, 0, n);
            space.PredictionToLatent(rows.narrow(0, first, n), destination);
            Assert.True(destination.allclose(whole.narrow(0, first, n), 1e-5, 1e-5), $"{name}: rows {first}..{first + n}");
        }

        Assert.Equal("destination", Assert.ThrowsAny<ArgumentException>(() => space.PredictionToLatent(rows, torch.zeros([B * L, space.LatentDimension + 1]))).ParamName);
        Assert.Equal("destination", Assert.ThrowsAny<ArgumentException>(() => space.PredictionToLatent(rows, torch.zeros([(B * L) - 1, space.LatentDimension]))).ParamName);
    }

    [Theory]
    [InlineData(ReverseSteps.Renoise)]
    [InlineData(ReverseSteps.Ddpm)]
    public void StepInPlaceAtFullVocabularyWidthStaysWithinTheBudget(string name)
    {
        // 2,048 rows × 30,522 floats = 250 MB per [rows, V] tensor; the out-of-place step needs two of them (x̂0 and the result).
        const long rows = 2048, width = 30_522, budget = 16L << 20;
        TorchSharpRuntime.EnsureLoaded();
        var chunking = new LatentChunking(budget);
        IReverseStep step = ReverseSteps.Create(name, chunking);
        using Tensor x = torch.randn([rows, width], generator: new Generator(3));
        using var generator = new Generator(4);

        void Run()
        {
            using var scope = NewDisposeScope();
            step.StepInPlace(x, (first, destination) => destination.fill_(first % 7), 0.5, 0.49, new ArctanSchedule(), generator, chunking);
        }

        Run(); // warm-up
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        PeakResidentGrowthReport peak = PeakResidentGrowth.Measure(Run, limitBytes: budget + (48L << 20));

        // The C heap's allocated bytes over 20 more steps (not the resident set, which also counts the freed blocks glibc
        // keeps), best of up to three attempts: a leaked 16 MiB block per step would add 320 MiB, a clean run nothing.
        NativeHeapGrowthReport growth = NativeHeapGrowth.Measure(Run, rounds: 20, limitBytes: 32L << 20, warmUpRounds: 0);
        output.WriteLine($"{name}: budget {budget >> 20} MiB, one [rows, V] tensor {(rows * width * 4) >> 20} MiB; {peak}; {growth}");
        Assert.Equal(liveBefore, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(peak.WithinLimit, $"the peak extra memory exceeds the {budget >> 20} MiB budget by more than 48 MiB: {peak}");
        Assert.True(growth.WithinLimit, growth.ToString());
        Assert.True(float.IsFinite(x.abs().max().item<float>()));
    }
}
