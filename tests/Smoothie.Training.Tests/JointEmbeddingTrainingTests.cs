using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Schedulers.Schedules;
using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

[Collection("torch-serial")]
public sealed class JointEmbeddingTrainingTests
{
    [Fact]
    public void TrainableEmbeddingsMoveAndTheExtraTermsAreFinite()
    {
        using var task = new ToyCopyTask("distance", rows: 32, hidden: 32);
        float[] raw = task.Embeddings.Weights.detach().cpu().data<float>().ToArray();
        var tokens = Enumerable.Range(0, ToyCopyTask.Vocabulary).Select(i => $"t{i}").ToArray();
        using var trainable = EmbeddingMatrix.FromTokenEmbeddings(new TokenEmbeddings(tokens, raw, 32, "toy"), new EmbeddingMatrixOptions { Trainable = true, Normalization = EmbeddingNormalization.None });
        var space = new DistanceLatentSpace(trainable, sigmaMin: 1.5);
        manual_seed(2);
        using var model = new SmoothieDenoiser(task.Model.Config);
        var network = new SmoothieDenoiserNetwork(model, trainable.Weights);
        Tensor before = trainable.Weights.detach().clone();

        var options = new TrainingOptions { BatchSize = 8, MaxSteps = 3, WarmupSteps = 0, LearningRate = 1e-2, TrainEmbeddings = true, EvaluateEvery = 0, CheckpointEvery = 0 };
        using var trainer = new DiffusionTrainer(network, space, new ArctanSchedule(), options, task.Identity);
        var loss = new DiffusionLoss(space, new ArctanSchedule(), options);
        using (var scope = NewDisposeScope())
        {
            double extra = loss.EmbeddingTerms(tensor(new long[] { 1, 2, 3, 4 }).view(1, 4)).item<float>();
            Assert.True(double.IsFinite(extra) && extra > 0);
        }

        TrainingRunResult run = trainer.Run(task.Corpus, null, null);
        Assert.All(run.Losses, l => Assert.True(double.IsFinite(l)));
        Assert.False(allclose(before, trainable.Weights.detach()), "the embeddings should have been updated");
        Assert.True(allclose(trainable.SquaredNorms, trainable.Weights.detach().square().sum(1), rtol: 1e-5, atol: 1e-5), "cached norms follow the update");
    }

    [Fact]
    public void FrozenEmbeddingsWithTrainEmbeddingsIsRejected()
    {
        using var task = new ToyCopyTask("distance", rows: 16, hidden: 32);
        var options = new TrainingOptions { TrainEmbeddings = true };
        var e = Assert.Throws<ArgumentException>(() => new DiffusionTrainer(task.Network, task.Space, task.Schedule, options, task.Identity));
        Assert.Contains("Trainable = true", e.Message);
    }
}
