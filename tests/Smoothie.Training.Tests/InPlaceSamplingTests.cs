using Smoothie.Runtime;
using System.Diagnostics;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using Smoothie.Sampling;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

/// <summary>
/// The sampler's in-place, row-chunked reverse step: the same outputs for any chunk budget and the same as the
/// out-of-place path (the sampler's reference path, <see cref="DiffusionSampler.StepOutOfPlace"/>), for every space and solver.
/// </summary>
[Collection("torch-serial")]
public sealed class InPlaceSamplingTests(ITestOutputHelper output)
{
    private const int Batch = 3;

    public static TheoryData<string, string> SpacesAndSolvers()
    {
        var data = new TheoryData<string, string>();
        foreach (string space in new[] { "distance", "simplex", "embedding" })
        {
            foreach (string solver in ReverseSteps.Names)
            {
                data.Add(space, solver);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SpacesAndSolvers))]
    public void ChunkedInPlaceSamplingEqualsUnchunkedAndTheOutOfPlacePath(string spaceName, string solverName)
    {
        using var task = new ToyCopyTask(spaceName, rows: 16, hidden: 32);
        if (ReverseSteps.Create(solverName).NeedsBeta && !task.Schedule.SupportsSde)
        {
            return; // the sampler rejects this pair (SdeSolverIsRejectedForASchedulesWithoutBeta)
        }

        AssertSameStreams(task, solverName, new SamplingOptions { Steps = 5, Seed = 7 });
    }

    [Theory]
    [InlineData("distance", "ddpm")]
    [InlineData("simplex", "renoise")]
    public void ChunkedInPlaceSamplingWithSelfConditioningEqualsTheOutOfPlacePath(string spaceName, string solverName)
    {
        using var task = new ToyCopyTask(spaceName, rows: 16, hidden: 32, selfConditioning: true);
        AssertSameStreams(task, solverName, new SamplingOptions { Steps = 5, Seed = 3, SelfConditioning = true });
    }

    [Fact]
    public void ChunkedInPlaceSamplingWithGuidanceEqualsTheOutOfPlacePath()
    {
        using var task = new ToyCopyTask("distance", rows: 16, hidden: 32);
        AssertSameStreams(task, "sde", new SamplingOptions { Steps = 4, Seed = 5, GuidanceScale = 0.5 });
    }

    [Fact]
    public void RepeatedChunkedSamplingLeaksNoTensorsAndDoesNotGrowMemory()
    {
        using var task = new ToyCopyTask("distance", rows: 16, hidden: 32);
        var sampler = new DiffusionSampler(task.Network, task.Space, task.Schedule, ReverseSteps.Create("ddpm"), Rows(task.Space, 5));
        using Seq2SeqBatch batch = task.Corpus.Batch([0, 1], CPU);
        var options = new SamplingOptions { Steps = 3 };
        for (int i = 0; i < 30; i++)
        {
            sampler.Generate(2, ToyCopyTask.Length, batch, options); // warm-up: allocator pools, JIT
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        long before = Process.GetCurrentProcess().WorkingSet64;
        for (int i = 0; i < 300; i++)
        {
            sampler.Generate(2, ToyCopyTask.Length, batch, options);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long grown = Process.GetCurrentProcess().WorkingSet64 - before;
        output.WriteLine($"working set grew {grown / 1e6:F1} MB over 300 chunked Generate calls");
        Assert.Equal(liveBefore, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.True(grown < 50_000_000, $"memory grew {grown / 1e6:F1} MB");
    }

    /// <summary>Every streamed step of: in place with 5-row blocks, in place unchunked, out of place — all equal.</summary>
    private void AssertSameStreams(ToyCopyTask task, string solverName, SamplingOptions options)
    {
        using Seq2SeqBatch batch = task.Corpus.Batch([0, 1, 2], CPU);
        List<long[][]> Run(IReverseStep solver, LatentChunking? chunking, bool outOfPlace = false) =>
            new DiffusionSampler(task.Network, task.Space, task.Schedule, solver, chunking) { StepOutOfPlace = outOfPlace }
                .Stream(Batch, ToyCopyTask.Length, batch, options).Select(s => s.TokenIds).ToList();

        // 24 rows: 5-row blocks leave a remainder; the solver's noise blocks (7 rows) differ from the x̂0 blocks.
        LatentChunking noise = Rows(task.Space, 7);
        List<long[][]> chunked = Run(ReverseSteps.Create(solverName, noise), Rows(task.Space, 5));
        List<long[][]> unchunked = Run(ReverseSteps.Create(solverName, noise), LatentChunking.Unbounded);
        List<long[][]> outOfPlace = Run(ReverseSteps.Create(solverName, noise), null, outOfPlace: true);
        Assert.Equal(options.Steps, chunked.Count);
        Assert.Equal(unchunked, chunked);
        Assert.Equal(outOfPlace, chunked);

        // The check has teeth: another seed changes the tokens.
        List<long[][]> otherSeed = new DiffusionSampler(task.Network, task.Space, task.Schedule, ReverseSteps.Create(solverName, noise), Rows(task.Space, 5))
            .Stream(Batch, ToyCopyTask.Length, batch, options with { Seed = options.Seed + 100 }).Select(s => s.TokenIds).ToList();
        Assert.NotEqual(chunked[^1], otherSeed[^1]);
    }

    private static LatentChunking Rows(ILatentSpace space, int rows) => new(rows * space.LatentDimension * sizeof(float));
}
