using Smoothie.Latent.Spaces;
using Smoothie.Training.Data;
using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

/// <summary>The token cross-entropy added to the embedding MSE (<see cref="TrainingOptions.TokenLossWeight"/>).</summary>
[Collection("torch-serial")]
public sealed class TokenCrossEntropyTermTests
{
    private static readonly long[] Ids = [1, 5, 9, 0, 3, 7, 0, 0];

    private static Tensor TrueIds() => tensor(Ids).view(2, 4);

    private static double LossOf(ToyCopyTask task, Tensor prediction, double weight, bool maskPadding = false) =>
        new DiffusionLoss(task.Space, task.Schedule, new TrainingOptions { TokenLossWeight = weight, MaskPaddingInLoss = maskPadding })
            .Loss(prediction, TrueIds(), ToyCopyTask.Pad).item<float>();

    /// <summary>What the token term adds to the loss of <paramref name="prediction"/> at <paramref name="weight"/>.</summary>
    private static double TermOf(ToyCopyTask task, Tensor prediction, double weight) => LossOf(task, prediction, weight) - LossOf(task, prediction, 0.0);

    [Fact]
    public void ZeroWeightGivesExactlyTheMeanSquaredError()
    {
        using var task = new ToyCopyTask("distance", rows: 8, hidden: 32);
        using var scope = NewDisposeScope();
        manual_seed(4);
        Tensor prediction = randn(2, 4, 32);
        double expected = (prediction - task.Embeddings.Weights.index_select(0, TrueIds().reshape(-1)).view(2, 4, 32)).square().mean().item<float>();

        Assert.Equal(expected, LossOf(task, prediction, 0.0));
        Assert.Equal(LossOf(task, prediction, 0.0), new DiffusionLoss(task.Space, task.Schedule, new TrainingOptions()).Loss(prediction, TrueIds(), ToyCopyTask.Pad).item<float>());
    }

    [Theory]
    [InlineData("distance", 1.5)]
    [InlineData("embedding", 1.0)]
    public void PositiveWeightAddsTheCrossEntropyOfScaledDistances(string space, double sigma)
    {
        using var task = new ToyCopyTask(space, rows: 8, hidden: 32);
        using var scope = NewDisposeScope();
        manual_seed(5);
        Tensor prediction = randn(2, 4, 32);

        // −‖x − E_j‖² / (2σ²) written out, against the true ids, mean over all positions (padding included).
        Tensor squared = (prediction.view(8, 1, 32) - task.Embeddings.Weights.view(1, ToyCopyTask.Vocabulary, 32)).square().sum(-1);
        double crossEntropy = nn.functional.cross_entropy(squared.neg().div(2 * sigma * sigma), TrueIds().reshape(-1)).item<float>();

        double added = TermOf(task, prediction, 0.25);
        Assert.Equal(0.25 * crossEntropy, added, 0.25 * crossEntropy * 1e-4);
    }

    [Fact]
    public void TheTermIsLargerFarFromTheTrueEmbeddingThanAtIt()
    {
        using var task = new ToyCopyTask("distance", rows: 8, hidden: 32);
        using var scope = NewDisposeScope();
        Tensor atTruth = task.Embeddings.Weights.index_select(0, TrueIds().reshape(-1)).view(2, 4, 32);

        // The average of the true embedding and another token's: the MSE's compromise between two plausible tokens.
        Tensor other = task.Embeddings.Weights.index_select(0, TrueIds().reshape(-1).add(1)).view(2, 4, 32);
        Tensor between = (atTruth + other) / 2;
        Tensor far = atTruth + (other - atTruth) * 3;

        double termAt = TermOf(task, atTruth, 1.0);
        double termBetween = TermOf(task, between, 1.0);
        double termFar = TermOf(task, far, 1.0);
        Assert.True(termAt < 0.05, $"at the true embedding the cross-entropy should be ≈ 0; got {termAt}");
        Assert.True(termBetween > 0.5, $"half-way to another token it should be ≈ ln 2 or more; got {termBetween}");
        Assert.True(termFar > 10 * termBetween, $"far away it should be much larger; got {termFar} against {termBetween}");
    }

    [Fact]
    public void GradientsFlowIntoThePredictionAndDifferFromTheMseAlone()
    {
        using var task = new ToyCopyTask("distance", rows: 8, hidden: 32);
        using var scope = NewDisposeScope();
        manual_seed(6);
        Tensor start = randn(2, 4, 32);
        Tensor GradientOf(double weight)
        {
            Tensor prediction = start.clone().requires_grad_(true);
            new DiffusionLoss(task.Space, task.Schedule, new TrainingOptions { TokenLossWeight = weight }).Loss(prediction, TrueIds(), ToyCopyTask.Pad).backward();
            return prediction.grad!.clone();
        }

        Tensor mseOnly = GradientOf(0.0);
        Tensor withTerm = GradientOf(1.0);
        Assert.True(withTerm.isfinite().all().item<bool>());
        Assert.True((withTerm - mseOnly).abs().max().item<float>() > 1e-3, "the token term should change the gradient");
    }

    [Fact]
    public void MaskedPaddingIsLeftOutOfTheTerm()
    {
        using var task = new ToyCopyTask("distance", rows: 8, hidden: 32);
        using var scope = NewDisposeScope();
        manual_seed(7);
        Tensor prediction = randn(2, 4, 32);
        Tensor moved = prediction.clone();
        moved[1, 3] = moved[1, 3] + 5; // a padding position (id 0)

        Assert.Equal(LossOf(task, prediction, 1.0, maskPadding: true), LossOf(task, moved, 1.0, maskPadding: true), 5);
        Assert.NotEqual(LossOf(task, prediction, 1.0), LossOf(task, moved, 1.0), 3);
    }

    [Fact]
    public void LossWeightedTimeSamplingTrainsWithTheTerm()
    {
        using var task = new ToyCopyTask("distance", rows: 64, hidden: 32);
        var options = new TrainingOptions { BatchSize = 8, MaxSteps = 3, WarmupSteps = 0, LearningRate = 1e-3, TokenLossWeight = 0.5, TimeSampling = TimeSampling.LossWeighted, EvaluateEvery = 0, CheckpointEvery = 0 };
        using var trainer = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options, task.Identity);
        using var plain = new DiffusionTrainer(task.Network, task.Space, task.Schedule, options with { TokenLossWeight = 0 }, task.Identity);

        // The validation loss is the objective: the same weights, batches, t and noise score higher with the term.
        Assert.True(trainer.Validate(task.Corpus, 2) > plain.Validate(task.Corpus, 2));

        TrainingRunResult run = trainer.Run(task.Corpus, null, null);
        Assert.Equal(3, run.Losses.Count);
        Assert.All(run.Losses, l => Assert.True(double.IsFinite(l) && l > 0));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ValidationRejectsANegativeOrNonFiniteWeight(double weight)
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingOptions { TokenLossWeight = weight }.Validate());
        Assert.Contains("TokenLossWeight must be ≥ 0 and finite", e.Message);
    }

    [Fact]
    public void ASpaceThatAlreadyTrainsTokensIsRejected()
    {
        using var task = new ToyCopyTask("simplex", rows: 8, hidden: 32);
        Assert.Equal(LatentLossKind.TokenCrossEntropy, task.Space.LossKind);
        var e = Assert.Throws<ArgumentException>(() => new DiffusionTrainer(task.Network, task.Space, task.Schedule, new TrainingOptions { TokenLossWeight = 1 }, task.Identity));
        Assert.Contains("TokenLossWeight", e.Message);
    }
}
