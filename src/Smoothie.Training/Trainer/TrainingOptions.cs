using Smoothie.Training.Optimization;

namespace Smoothie.Training.Trainer;

/// <summary>
/// Hyper-parameters of a diffusion training run. Defaults follow the paper (SPEC §4) except where a CPU-scale run
/// needs otherwise (documented per property). Call <see cref="Validate"/> before use (the trainer does).
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Sequences per optimisation step (before accumulation). Paper: 256; default 32 for CPU.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Micro-batches accumulated per optimisation step (≥ 1).</summary>
    public int GradientAccumulation { get; init; } = 1;

    /// <summary>Peak learning rate. Paper: 2e-4.</summary>
    public double LearningRate { get; init; } = 2e-4;

    /// <summary>Linear warm-up steps from 1e-8. Paper: 5,000; default 500 for CPU-scale runs.</summary>
    public int WarmupSteps { get; init; } = 500;

    /// <summary>Learning-rate shape after warm-up. Paper: constant.</summary>
    public LearningRateDecay Decay { get; init; } = LearningRateDecay.Constant;

    /// <summary>AdamW β1. Paper: 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW β2. Paper: 0.98 (TorchSharp's factory default is 0.999 — always passed explicitly).</summary>
    public double Beta2 { get; init; } = 0.98;

    /// <summary>AdamW ε. Paper: 1e-6.</summary>
    public double Epsilon { get; init; } = 1e-6;

    /// <summary>AdamW decoupled weight decay. Paper: 0.01.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Gradient clipping by global norm (0 = off). Paper: 1.0.</summary>
    public double GradientClipNorm { get; init; } = 1.0;

    /// <summary>EMA decay rate (the ceiling of the warmed-up decay min(rate, (1 + step)/(10 + step)), see <see cref="Optimization.ExponentialMovingAverage.Update(long)"/>). Paper: 0.9999.</summary>
    public double EmaRate { get; init; } = 0.999;

    /// <summary>Smallest training time: t ~ U(ε, 1). Paper: 1e-5.</summary>
    public double MinTime { get; init; } = 1e-5;

    /// <summary>How t is drawn per sequence: uniform (the paper) or loss-weighted importance sampling.</summary>
    public TimeSampling TimeSampling { get; init; } = TimeSampling.Uniform;

    /// <summary>Self-conditioning in half of the steps (needs a network that supports it). Paper: off.</summary>
    public bool SelfConditioning { get; init; }

    /// <summary>Exclude target padding positions from the loss. Reference: false (padding is predicted too).</summary>
    public bool MaskPaddingInLoss { get; init; }

    /// <summary>
    /// Train the token embeddings jointly with the denoiser (the reference's option; off by default: frozen embeddings).
    /// Needs a latent space whose <c>EmbeddingMatrix</c> was built with <c>Trainable = true</c> and an embedding (MSE)
    /// loss. Adds the decoder negative log-likelihood and prior-matching terms so the embeddings cannot collapse.
    /// </summary>
    public bool TrainEmbeddings { get; init; }

    /// <summary>Weight of the decoder NLL term −log softmax(−‖E_w − E_j‖²/(2σ²))[w] when <see cref="TrainEmbeddings"/> is on.</summary>
    public double DecoderNllWeight { get; init; } = 1.0;

    /// <summary>Weight of the prior-matching term mean((μ_1·x0)²) when <see cref="TrainEmbeddings"/> is on.</summary>
    public double PriorMatchingWeight { get; init; } = 1.0;

    /// <summary>
    /// Weight λ of a token cross-entropy added to the embedding MSE (default 0: off, the paper's loss): at each position,
    /// λ · −log softmax(−‖x̂0 − E_j‖²/(2σ²))[true token], the logits being the prediction's scaled negative squared
    /// distances to every embedding row (σ = the distance space's σ_min, the width the authors decode with; σ = 1 for
    /// the embedding space). Padding counts like any token unless <see cref="MaskPaddingInLoss"/>; with
    /// loss-weighted time sampling the term is part of each sequence's loss. Needs a latent space with an embedding
    /// (MSE) loss. The validation loss includes the term (the trainer also logs the denoising loss alone); the per-t
    /// diagnostics and the probe report the MSE alone.
    /// </summary>
    public double TokenLossWeight { get; init; }

    /// <summary>Probability of dropping the source (for classifier-free guidance at sampling time). Default 0.</summary>
    public double ConditionDropout { get; init; }

    /// <summary>Stop after this many optimisation steps (null = no step limit).</summary>
    public long? MaxSteps { get; init; } = 1000;

    /// <summary>Stop after this much wall-clock time (null = no time limit). A checkpoint is written at the stop.</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Validate (loss and per-t curves) every this many steps (0 = never).</summary>
    public int EvaluateEvery { get; init; } = 200;

    /// <summary>Write a checkpoint every this many steps (0 = only at the end).</summary>
    public int CheckpointEvery { get; init; } = 200;

    /// <summary>
    /// Also write a checkpoint whenever this much wall-clock time has passed since the last one (null = by steps only).
    /// Default 10 minutes: a crash or <c>kill -9</c> loses at most this much work, however slow a step is.
    /// </summary>
    public TimeSpan? CheckpointInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many best checkpoints (by validation loss) to keep besides the last.</summary>
    public int KeepBestCheckpoints { get; init; } = 1;

    /// <summary>The run's seed: initialisation, data order, t and noise are all functions of (seed, step).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it and the expected range.</exception>
    public void Validate()
    {
        Require(BatchSize >= 1, nameof(BatchSize), "≥ 1", BatchSize);
        Require(GradientAccumulation >= 1, nameof(GradientAccumulation), "≥ 1", GradientAccumulation);
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), "a positive finite number", LearningRate);
        Require(WarmupSteps >= 0, nameof(WarmupSteps), "≥ 0", WarmupSteps);
        Require(Beta1 is >= 0 and < 1, nameof(Beta1), "in [0, 1)", Beta1);
        Require(Beta2 is >= 0 and < 1, nameof(Beta2), "in [0, 1)", Beta2);
        Require(Epsilon > 0, nameof(Epsilon), "> 0", Epsilon);
        Require(WeightDecay >= 0, nameof(WeightDecay), "≥ 0", WeightDecay);
        Require(GradientClipNorm >= 0, nameof(GradientClipNorm), "≥ 0 (0 = off)", GradientClipNorm);
        Require(EmaRate is >= 0 and < 1, nameof(EmaRate), "in [0, 1)", EmaRate);
        Require(MinTime is >= 0 and < 1, nameof(MinTime), "in [0, 1)", MinTime);
        Require(DecoderNllWeight >= 0 && double.IsFinite(DecoderNllWeight), nameof(DecoderNllWeight), "≥ 0", DecoderNllWeight);
        Require(TokenLossWeight >= 0 && double.IsFinite(TokenLossWeight), nameof(TokenLossWeight), "≥ 0 and finite (0 = off)", TokenLossWeight);
        Require(PriorMatchingWeight >= 0 && double.IsFinite(PriorMatchingWeight), nameof(PriorMatchingWeight), "≥ 0", PriorMatchingWeight);
        Require(ConditionDropout is >= 0 and < 1, nameof(ConditionDropout), "in [0, 1)", ConditionDropout);
        Require(MaxSteps is null or >= 1, nameof(MaxSteps), "≥ 1 or null", MaxSteps ?? 0);
        Require(MaxDuration is null || MaxDuration > TimeSpan.Zero, nameof(MaxDuration), "positive or null", MaxDuration ?? TimeSpan.Zero);
        Require(MaxSteps is not null || MaxDuration is not null, nameof(MaxSteps), "set (or MaxDuration set): a run needs a limit", "both null");
        Require(EvaluateEvery >= 0, nameof(EvaluateEvery), "≥ 0", EvaluateEvery);
        Require(CheckpointEvery >= 0, nameof(CheckpointEvery), "≥ 0", CheckpointEvery);
        Require(CheckpointInterval is null || CheckpointInterval > TimeSpan.Zero, nameof(CheckpointInterval), "positive or null", CheckpointInterval ?? TimeSpan.Zero);
        Require(KeepBestCheckpoints >= 0, nameof(KeepBestCheckpoints), "≥ 0", KeepBestCheckpoints);
    }

    private static void Require(bool ok, string name, string expected, object actual)
    {
        if (!ok)
        {
            throw new ArgumentException($"TrainingOptions.{name} must be {expected}; got {actual}.", name);
        }
    }
}
