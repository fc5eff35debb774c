using Smoothie.Training.Checkpoints;
using Smoothie.Training.Trainer;

namespace Smoothie.Training.Tests;

[Collection("torch-serial")]
public sealed class TrainerGuardTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-guard").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void NonFiniteLossStopsWithACheckpointOfTheLastGoodState()
    {
        using var task = new ToyCopyTask("distance", rows: 32, hidden: 32);
        var options = new TrainingOptions { BatchSize = 8, MaxSteps = 10, EvaluateEvery = 0, CheckpointEvery = 0, LearningRate = 1e-3, WarmupSteps = 0 };
        var store = new CheckpointStore(Path.Combine(root, "ckpt"));
        using var trainer = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options, task.Identity);
        trainer.TrainStep(task.Corpus);
        using (TorchSharp.torch.no_grad())
        {
            task.Model.parameters().First().fill_(float.NaN); // poison the weights: the next loss is NaN
        }

        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Run(task.Corpus, null, store));
        Assert.Equal(1, e.Step);
        Assert.Contains("NaN", e.Message);
        Assert.NotNull(e.Checkpoint);
        Assert.True(File.Exists(Path.Combine(e.Checkpoint!, "trainer.json")));
        Assert.Equal(1, store.Latest!.Step);
    }

    [Fact]
    public void CancellationSavesACheckpointAndReturns()
    {
        using var task = new ToyCopyTask("distance", rows: 32, hidden: 32);
        var options = new TrainingOptions { BatchSize = 8, MaxSteps = 1000, EvaluateEvery = 0, CheckpointEvery = 0 };
        var store = new CheckpointStore(Path.Combine(root, "ckpt"));
        using var trainer = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options, task.Identity);
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfter(cts, steps: 3);
        TrainingRunResult result = trainer.Run(task.Corpus, null, store, progress, cts.Token);
        Assert.True(result.Cancelled);
        Assert.Equal(3, result.Steps);
        Assert.Equal(3, store.Latest!.Step);
    }

    [Fact]
    public void TimeBudgetStopsTheRun()
    {
        using var task = new ToyCopyTask("distance", rows: 32, hidden: 32);
        var options = new TrainingOptions { BatchSize = 8, MaxSteps = null, MaxDuration = TimeSpan.FromSeconds(1), EvaluateEvery = 0, CheckpointEvery = 0 };
        using var trainer = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options, task.Identity);
        TrainingRunResult result = trainer.Run(task.Corpus, null, null);
        Assert.True(result.StoppedByTime);
        Assert.True(result.Steps >= 1);
    }

    [Fact]
    public void InvalidOptionsNameTheField()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingOptions { BatchSize = 0 }.Validate());
        Assert.Equal("BatchSize", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => new TrainingOptions { MaxSteps = null, MaxDuration = null }.Validate());
        Assert.Contains("limit", e.Message);
    }

    private sealed class CancelAfter(CancellationTokenSource cts, int steps) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Step >= steps)
            {
                cts.Cancel();
            }
        }
    }
}
