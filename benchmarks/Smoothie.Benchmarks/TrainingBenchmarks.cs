using Smoothie.Sampling;
using BenchmarkDotNet.Attributes;
using Smoothie.Benchmarks.Baselines;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Schedulers.Schedules;
using Smoothie.Training.Checkpoints;
using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// One full Tiny training step (batch 64 × 48, kjv→web Bible pairs, MiniLM E restricted to the Bible sub-vocabulary,
/// distance space, Arctan schedule, AdamW + clipping + EMA), and the training corruption old vs new on the same batch.
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks : IFlopCounted
{
    private SmoothieDenoiser model = null!;
    private DiffusionTrainer trainer = null!;
    private SmoothieDenoiser embeddingModel = null!;
    private DiffusionTrainer embeddingTrainer = null!;
    private DistanceLatentSpace space = null!;
    private ArctanSchedule schedule = null!;
    private DiffusionLoss loss = null!;
    private Seq2SeqBatch batch = null!;
    private Tensor t = null!;

    [GlobalSetup]
    public void Setup()
    {
        ThreadSettings.Apply();
        var bible = BibleWorkload.Instance;
        model = Workloads.Model("Tiny");
        space = new DistanceLatentSpace(bible.Sub, sigmaMin: ArctanParameters.Paper.SigmaMin);
        schedule = new ArctanSchedule();
        var options = new TrainingOptions { BatchSize = Workloads.Batch, MaxSteps = 1_000_000, WarmupSteps = 10 };
        trainer = new DiffusionTrainer(
            new SmoothieDenoiserNetwork(model, bible.Sub.Weights), space, schedule, options, new CheckpointIdentity("distance", "bible", bible.Sub.VocabularySize, "tiny"));
        loss = new DiffusionLoss(space, schedule, options);

        // The same model and data in the Gaussian embedding space (its schedule: the library's default for it, Sqrt),
        // for the per-step cost of the distance space against it.
        embeddingModel = Workloads.Model("Tiny");
        embeddingTrainer = new DiffusionTrainer(
            new SmoothieDenoiserNetwork(embeddingModel, bible.Sub.Weights), new EmbeddingLatentSpace(bible.Sub), new SqrtSchedule(), options,
            new CheckpointIdentity("embedding", "bible", bible.Sub.VocabularySize, "tiny"));
        batch = bible.SubCorpus.Batch(Enumerable.Range(0, Workloads.Batch).ToArray(), CPU);
        manual_seed(2);
        t = rand(Workloads.Batch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        trainer.Dispose();
        model.Dispose();
        embeddingTrainer.Dispose();
        embeddingModel.Dispose();
        batch.Dispose();
        t.Dispose();
    }

    [Benchmark]
    public double TrainStep() => trainer.TrainStep(BibleWorkload.Instance.SubCorpus);

    /// <summary>The same step (model, data, batch, optimizer) in the Gaussian embedding space: no O(V) work.</summary>
    [Benchmark]
    public double TrainStepEmbeddingSpace() => embeddingTrainer.TrainStep(BibleWorkload.Instance.SubCorpus);

    /// <summary>x_t for the batch: distinct-token clean latents + ε drawn into the result.</summary>
    [Benchmark]
    public void Corrupt()
    {
        using Tensor r = loss.Corrupt(batch.TargetIds!, t);
    }

    [Benchmark]
    public void LegacyCorrupt()
    {
        using Tensor r = LegacyPaths.Corrupt(space, schedule, batch.TargetIds!, t);
    }

    /// <summary>The denoiser's training input in two steps: x_t (<see cref="Corrupt"/>), then softmax(x_t)·E.</summary>
    [Benchmark]
    public void TrainingInputTwoStep()
    {
        using var scope = NewDisposeScope();
        space.DenoiserInput(loss.Corrupt(batch.TargetIds!, t), schedule.Mu(t), schedule.Std(t));
    }

    /// <summary>The same input as the authors' trainer computes it (<see cref="AuthorsTrainingInput"/>: materialised [B·L, V] tensors).</summary>
    [Benchmark]
    public void TrainingInputAuthors()
    {
        using Tensor input = AuthorsTrainingInput.Compute(batch.TargetIds!, space.Embeddings, space.SigmaMin, schedule.Mu(t), schedule.Std(t));
    }

    /// <summary>The number of distinct target tokens of the benchmark batch (the clean latents the fused input computes).</summary>
    public long DistinctTargets()
    {
        (Tensor distinct, _, _) = batch.TargetIds!.unique();
        using (distinct)
        {
            return distinct.numel();
        }
    }

    /// <summary>The same input fused block by block (<see cref="DistanceLatentSpace.FusedTrainingInput"/>, what training uses).</summary>
    [Benchmark]
    public void TrainingInputFused()
    {
        using var scope = NewDisposeScope();
        space.FusedTrainingInput(batch.TargetIds!, schedule.Mu(t), schedule.Std(t));
    }

    public double? Flops(string method)
    {
        double v = BibleWorkload.Instance.Sub.VocabularySize;
        return method switch
        {
            nameof(TrainStep) => FlopCounts.TrainingStep(Workloads.Preset("Tiny"), Workloads.Batch, Workloads.Length, v),
            nameof(TrainStepEmbeddingSpace) => FlopCounts.DenoiserForwardBackward(Workloads.Preset("Tiny"), Workloads.Batch, Workloads.Length, Workloads.Length),
            nameof(LegacyCorrupt) => FlopCounts.VocabularyGemm(Workloads.Batch * Workloads.Length, v),
            _ => null, // Corrupt does less work than the count (distinct tokens only): report time only
        };
    }
}
