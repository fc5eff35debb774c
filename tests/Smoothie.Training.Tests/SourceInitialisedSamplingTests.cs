using Smoothie.Models.Denoising;
using Smoothie.Latent.Spaces;
using Smoothie.Sampling.Solvers;
using Smoothie.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

/// <summary>
/// SDEdit-style generation (<see cref="DiffusionSampler.GenerateFrom"/>, <see cref="SamplingOptions.StartTime"/> below 1):
/// the start tokens survive a low start time, the grid starts there, seeds reproduce, bad input is rejected clearly.
/// </summary>
[Collection("torch-serial")]
public sealed class SourceInitialisedSamplingTests
{
    [Theory]
    [InlineData("distance", "renoise")] // the fused, x_t-free path
    [InlineData("distance", "ddpm")]
    [InlineData("embedding", "ddim")]
    public void ANetworkThatReturnsItsInputGivesBackTheStartTokensFromALowStartTime(string spaceName, string solverName)
    {
        using var task = new ToyCopyTask(spaceName, rows: 16, hidden: 32);
        using var identity = new InputEchoNetwork();

        // Even at t → 0 the Arctan schedule keeps std ≈ 0.7 on the distance latent; with σ_min = 0.5 instead of 1.5 the
        // 32-d toy tokens stay apart under that noise, so re-noising an echo cannot drift to a neighbour.
        ILatentSpace space = spaceName == "distance" ? new DistanceLatentSpace(task.Embeddings, sigmaMin: 0.5) : task.Space;
        var sampler = new DiffusionSampler(identity, space, task.Schedule, ReverseSteps.Create(solverName));
        long[][] start = TwoRows;
        using Tensor startTokens = Ids(start);

        long[][] result = sampler.GenerateFrom(startTokens, null, new SamplingOptions { Steps = 4, StartTime = 1e-6, Seed = 2 });

        Assert.Equal(start, result);
    }

    [Fact]
    public void FromTheTopOfTheGridTheStartTokensAreForgotten()
    {
        using var task = new ToyCopyTask("distance", rows: 16, hidden: 32);
        using var identity = new InputEchoNetwork();
        var sampler = new DiffusionSampler(identity, task.Space, task.Schedule, ReverseSteps.Create("renoise"));
        long[][] start = [[5, 17, 3, 199, 42, 8, 8, 0]];
        using Tensor startTokens = Ids(start);

        long[][] result = sampler.GenerateFrom(startTokens, null, new SamplingOptions { Steps = 4, StartTime = 1, Seed = 2 });

        Assert.NotEqual(start, result);
    }

    [Fact]
    public void TheGridStartsAtTheStartTimeAndSeedsReproduce()
    {
        using var task = new ToyCopyTask("distance", rows: 16, hidden: 32);
        DiffusionSampler sampler = RenoiseSampler(task);
        using Seq2SeqBatch batch = task.Corpus.Batch([0, 1], CPU);
        using Tensor startTokens = Ids(TwoRows);
        var options = new SamplingOptions { Steps = 4, StartTime = 0.4, Seed = 6 };

        List<SamplingStep> steps = sampler.StreamFrom(startTokens, batch, options).ToList();

        Assert.Equal([0.4, 0.3, 0.2, 0.1], steps.Select(s => Math.Round(s.Time, 12)));
        Assert.Equal(steps[^1].TokenIds, sampler.GenerateFrom(startTokens, batch, options));
        Assert.NotEqual(steps[^1].TokenIds, sampler.GenerateFrom(startTokens, batch, options with { Seed = 7 }));
    }

    [Fact]
    public void BadStartsAreRejectedNamingWhatToChange()
    {
        using var task = new ToyCopyTask("distance", rows: 16, hidden: 32);
        DiffusionSampler sampler = RenoiseSampler(task);
        using Seq2SeqBatch batch = task.Corpus.Batch([0, 1], CPU);
        using Tensor oneRow = Ids([[5, 17, 3, 199, 42, 8, 8, 0]]);
        using Tensor floats = zeros(2, ToyCopyTask.Length);

        var noTokens = Assert.Throws<ArgumentException>(() => sampler.Generate(2, ToyCopyTask.Length, batch, new SamplingOptions { Steps = 2, StartTime = 0.5 }));
        Assert.Contains("GenerateFrom", noTokens.Message);
        var wrongRows = Assert.Throws<ArgumentException>(() => sampler.GenerateFrom(oneRow, batch, new SamplingOptions { Steps = 2, StartTime = 0.5 }));
        Assert.Equal("startTokens", wrongRows.ParamName);
        var notIds = Assert.Throws<ArgumentException>(() => sampler.GenerateFrom(floats, batch, new SamplingOptions { Steps = 2, StartTime = 0.5 }));
        Assert.Equal("startTokens", notIds.ParamName);
        var zero = Assert.Throws<ArgumentException>(() => new SamplingOptions { StartTime = 0 }.Validate());
        Assert.Equal("StartTime", zero.ParamName);
        Assert.Throws<ArgumentException>(() => new SamplingOptions { StartTime = 1.5 }.Validate());
        Assert.Throws<ArgumentException>(() => new SamplingOptions { StartTime = 0.2, EndTime = 0.3 }.Validate());
    }

    [Fact]
    public void RepeatedSourceInitialisedCallsLeakNoTensors()
    {
        using var task = new ToyCopyTask("distance", rows: 16, hidden: 32);
        DiffusionSampler sampler = RenoiseSampler(task);
        using Seq2SeqBatch batch = task.Corpus.Batch([0, 1], CPU);
        using Tensor startTokens = Ids(TwoRows);
        var options = new SamplingOptions { Steps = 3, StartTime = 0.3 };
        sampler.GenerateFrom(startTokens, batch, options);
        long liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 20; i++)
        {
            sampler.GenerateFrom(startTokens, batch, options);
        }

        Assert.Equal(liveBefore, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    /// <summary>Two start rows of <see cref="ToyCopyTask.Length"/> ids each.</summary>
    private static readonly long[][] TwoRows = [[5, 17, 3, 199, 42, 8, 8, 0], [1, 2, 3, 4, 5, 6, 7, 9]];

    private static DiffusionSampler RenoiseSampler(ToyCopyTask task) => new(task.Network, task.Space, task.Schedule, ReverseSteps.Create("renoise"));

    private static Tensor Ids(long[][] rows) => tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    /// <summary>A "denoiser" that predicts its own input: what the sampler feeds it comes straight back out.</summary>
    private sealed class InputEchoNetwork : IDenoiserNetwork, IDisposable
    {
        // The sampler reads the device from the first parameter; this one is never used.
        private readonly nn.Module<Tensor, Tensor> module = nn.Linear(1, 1);

        public nn.Module Module => module;

        public bool SupportsSelfConditioning => false;

        public Tensor Predict(Tensor input, Tensor time, Tensor? sourceIds, Tensor? sourceMask, Tensor? selfCondition) => input.clone();

        public void Dispose() => module.Dispose();
    }
}
