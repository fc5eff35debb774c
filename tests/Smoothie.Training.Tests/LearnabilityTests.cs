using Smoothie.Sampling.Solvers;
using Smoothie.Sampling;
using Smoothie.Training.Trainer;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

[Collection("torch-serial")]
public sealed class LearnabilityTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("distance", 300, 0.9)]
    [InlineData("embedding", 300, 0.8)]
    [InlineData("simplex", 300, 0.8)]
    public void EveryLatentSpaceLearnsToCopy(string space, int steps, double minimumAccuracy)
    {
        using var task = new ToyCopyTask(space);
        var options = new TrainingOptions { BatchSize = 32, LearningRate = 2e-3, WarmupSteps = 20, MaxSteps = steps, EmaRate = 0.9, EvaluateEvery = 0, CheckpointEvery = 0, Seed = 5 };
        using var trainer = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options, task.Identity);
        TrainingRunResult run = trainer.Run(task.Corpus, null, null);
        Assert.Equal(steps, run.Steps);
        Assert.True(run.Losses.TakeLast(20).Average() < run.Losses.Take(20).Average(), "the loss should fall");

        var rows = Enumerable.Range(0, 64).ToArray();
        using Seq2SeqBatch batch = task.Corpus.Batch(rows, CPU);
        var sampler = new DiffusionSampler(task.Network, task.Space, task.Schedule, ReverseSteps.Create("renoise"));
        long[][] generated;
        using (trainer.Ema.SwapInto())
        {
            generated = sampler.Generate(rows.Length, ToyCopyTask.Length, batch, new SamplingOptions { Steps = 20, Seed = 1 });
        }

        double correct = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            correct += generated[i].Zip(task.Corpus.Targets[rows[i]]).Count(p => p.First == p.Second);
        }

        double accuracy = correct / (rows.Length * ToyCopyTask.Length);
        output.WriteLine($"{space}: loss {run.Losses.Take(20).Average():F4} -> {run.Losses.TakeLast(20).Average():F4}, token accuracy {accuracy:P1} after {steps} steps");
        Assert.True(accuracy >= minimumAccuracy, $"{space} token accuracy {accuracy:P1} < {minimumAccuracy:P0}");
    }
}
