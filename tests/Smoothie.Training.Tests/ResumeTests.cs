using Smoothie.Training.Checkpoints;
using Smoothie.Training.Trainer;

namespace Smoothie.Training.Tests;

[Collection("torch-serial")]
public sealed class ResumeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-resume").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void TwoNStepsEqualNStepsResumeNSteps()
    {
        const int n = 6;
        var options = new TrainingOptions { BatchSize = 8, LearningRate = 1e-3, WarmupSteps = 2, EmaRate = 0.9, EvaluateEvery = 0, CheckpointEvery = 0, Seed = 11 };

        IReadOnlyList<double> straight;
        using (var task = new ToyCopyTask("distance", rows: 64, hidden: 32))
        using (var trainer = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options with { MaxSteps = 2 * n }, task.Identity))
        {
            straight = trainer.Run(task.Corpus, null, null).Losses;
        }

        var store = new CheckpointStore(Path.Combine(root, "ckpt"));
        var resumed = new List<double>();
        using (var task = new ToyCopyTask("distance", rows: 64, hidden: 32))
        using (var trainer = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options with { MaxSteps = n }, task.Identity))
        {
            resumed.AddRange(trainer.Run(task.Corpus, null, store).Losses);
        }

        using (var task = new ToyCopyTask("distance", rows: 64, hidden: 32, modelSeed: 99)) // different init: must be overwritten by the checkpoint
        using (var trainer = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options with { MaxSteps = 2 * n }, task.Identity))
        {
            TrainingRunResult second = trainer.Run(task.Corpus, null, store);
            Assert.Equal(2 * n, second.Steps);
            resumed.AddRange(second.Losses);
        }

        Assert.Equal(2 * n, resumed.Count);
        for (int i = 0; i < 2 * n; i++)
        {
            Assert.True(Math.Abs(straight[i] - resumed[i]) <= 1e-6, $"step {i}: {straight[i]} vs {resumed[i]}");
        }
    }

    [Fact]
    public void LoadingACheckpointOfAnotherLatentSpaceFailsClearly()
    {
        var options = new TrainingOptions { BatchSize = 8, MaxSteps = 1, EvaluateEvery = 0, CheckpointEvery = 0 };
        var store = new CheckpointStore(Path.Combine(root, "ckpt"));
        using (var task = new ToyCopyTask("distance", rows: 16, hidden: 32))
        using (var trainer = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options, task.Identity))
        {
            trainer.Run(task.Corpus, null, store);
        }

        using var other = new ToyCopyTask("embedding", rows: 16, hidden: 32);
        using var second = new DiffusionTrainer(other.Network, other.Space, other.Schedule, options with { MaxSteps = 2 }, other.Identity);
        var e = Assert.Throws<InvalidOperationException>(() => second.Run(other.Corpus, null, store));
        Assert.Contains("'distance' latent space", e.Message);
    }
}
