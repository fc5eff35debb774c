using Smoothie.Sampling;
using Smoothie.Training.Diagnostics;
using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

[Collection("torch-serial")]
public sealed class DenoiserProbeTests
{
    [Fact]
    public void ACopyModelScoresWorseWithAnotherRowsSourceAndPaddingIsCountedByPosition()
    {
        using var task = new ToyCopyTask("embedding", rows: 256, hidden: 32);
        var options = new TrainingOptions { BatchSize = 32, LearningRate = 2e-3, WarmupSteps = 20, MaxSteps = 200, EmaRate = 0.9, EvaluateEvery = 0, CheckpointEvery = 0, Seed = 5 };
        using (var trainer = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options, task.Identity))
        {
            trainer.Run(task.Corpus, null, null);
            trainer.Ema.CopyToModule();
        }

        // Targets = the sources with their last 3 positions replaced by padding.
        int[] rows = Enumerable.Range(0, 32).ToArray();
        using Seq2SeqBatch copies = task.Corpus.Batch(rows, CPU);
        Tensor targets = copies.TargetIds!.clone();
        targets[TensorIndex.Colon, TensorIndex.Slice(ToyCopyTask.Length - 3, null)] = tensor(ToyCopyTask.Pad);
        using var batch = new Seq2SeqBatch(targets, copies.SourceIds!.clone(), copies.SourceMask!.clone());

        DenoiserProbeReport report = DenoiserProbe.Run(task.Network, task.Space, task.Schedule, batch, ToyCopyTask.Pad, [0.3, 0.95]);

        Assert.Equal(2, report.Times.Count);
        Assert.Equal(3.0 / ToyCopyTask.Length, report.PaddingShare, 6);
        ProbeTimeRow late = report.Times[1];
        Assert.True(late.ContentAccuracy > late.ShuffledSourceContentAccuracy + 0.3, $"accuracy {late.ContentAccuracy} with the true source, {late.ShuffledSourceContentAccuracy} with another row's");
        Assert.True(late.ShuffledSourceContentLoss > late.ContentLoss, $"loss {late.ContentLoss} with the true source, {late.ShuffledSourceContentLoss} with another row's");
        Assert.All(report.Times, r => Assert.InRange(r.TopTokenShare, 1.0 / (32 * 5), 1));

        Assert.Equal(ToyCopyTask.Length, report.Positions.Count);
        Assert.All(report.Positions.Take(5), p => Assert.Equal(0, p.PaddingShare));
        Assert.All(report.Positions.Take(5), p => Assert.True(double.IsNaN(p.PaddingAccuracy)));
        Assert.All(report.Positions.Skip(5), p => Assert.Equal(1, p.PaddingShare));
        Assert.All(report.Positions.Skip(5), p => Assert.True(double.IsNaN(p.ContentAccuracy)));
        Assert.True(report.Positions[0].ContentAccuracy > 0.5, $"position 0: accuracy {report.Positions[0].ContentAccuracy}");
    }

    [Fact]
    public void TimesOutsideTheUnitIntervalAreRejected()
    {
        using var task = new ToyCopyTask("distance", rows: 8, hidden: 16);
        using Seq2SeqBatch batch = task.Corpus.Batch(Enumerable.Range(0, 8).ToArray(), CPU);
        var error = Assert.Throws<ArgumentException>(() => DenoiserProbe.Run(task.Network, task.Space, task.Schedule, batch, ToyCopyTask.Pad, [0.5, 0.0]));
        Assert.Equal("times", error.ParamName);
    }
}
