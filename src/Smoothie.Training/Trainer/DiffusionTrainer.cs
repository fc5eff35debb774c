using Smoothie.Sampling;
using Smoothie.Models.Denoising;
using Smoothie.Models.Checkpoints;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Smoothie.Latent.Spaces;
using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using Smoothie.Training.Checkpoints;
using Smoothie.Training.Data;
using Smoothie.Training.Optimization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Training.Trainer;

/// <summary>
/// One diffusion trainer for every latent space: AdamW with explicit β, warm-up, gradient clipping and accumulation,
/// EMA weights, NaN guard, time budget, cancellation, atomic checkpoints and exact resume. All randomness of a step
/// (t, noise, dropout, data order) is a function of (seed, step), so a resumed CPU run repeats the uninterrupted one.
/// </summary>
public sealed class DiffusionTrainer : IDisposable
{
    private readonly IDenoiserNetwork network;
    private readonly ILatentSpace space;
    private readonly TrainingOptions options;
    private readonly CheckpointIdentity identity;
    private readonly ILogger logger;
    private readonly DiffusionLoss loss;
    private readonly DiffusionLoss? denoisingLoss;
    private readonly LossWeightedTimeSampler? timeSampler;
    private readonly List<Parameter> parameters;
    private readonly OptimizerHelper optimizer;
    private readonly LearningRateSchedule learningRate;
    private readonly long targetPadId;
    private readonly Embeddings.EmbeddingMatrix? trainableEmbeddings;

    /// <summary>Creates a trainer; the network's parameters must already be on the training device.</summary>
    /// <param name="network">The denoiser.</param>
    /// <param name="space">The latent space (on the same device).</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="options">Hyper-parameters (validated here).</param>
    /// <param name="identity">What checkpoints must match to be resumed.</param>
    /// <param name="targetPadId">The padding id of targets (for optional loss masking).</param>
    /// <param name="logger">Optional logger.</param>
    public DiffusionTrainer(IDenoiserNetwork network, ILatentSpace space, INoiseSchedule schedule, TrainingOptions options, CheckpointIdentity identity, long targetPadId = 0, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        options.Validate();
        TorchSharpRuntime.EnsureLoaded();
        if (options.SelfConditioning && !network.SupportsSelfConditioning)
        {
            throw new ArgumentException("TrainingOptions.SelfConditioning is on but the network has no self-conditioning input; enable it in the model configuration or switch it off.", nameof(options));
        }

        if (options.TokenLossWeight > 0 && space.LossKind != LatentLossKind.EmbeddingMse)
        {
            throw new ArgumentException($"TrainingOptions.TokenLossWeight ({options.TokenLossWeight}) needs a latent space whose loss is the embedding MSE (distance or embedding); '{space.Name}' already trains a token cross-entropy.", nameof(options));
        }

        this.network = network;
        this.space = space;
        this.options = options;
        this.identity = identity;
        this.targetPadId = targetPadId;
        this.logger = logger ?? NullLogger.Instance;
        loss = new DiffusionLoss(space, schedule, options);
        denoisingLoss = options.TokenLossWeight > 0 ? new DiffusionLoss(space, schedule, options with { TokenLossWeight = 0 }) : null;
        timeSampler = options.TimeSampling == TimeSampling.LossWeighted ? new LossWeightedTimeSampler(minTime: options.MinTime) : null;
        parameters = network.Module.parameters().Where(p => p.requires_grad).ToList();
        if (options.TrainEmbeddings)
        {
            if (space is not LatentSpaceBase latent || !latent.Embeddings.IsTrainable || space.LossKind != LatentLossKind.EmbeddingMse)
            {
                throw new ArgumentException("TrainingOptions.TrainEmbeddings needs a distance or embedding latent space whose EmbeddingMatrix was built with EmbeddingMatrixOptions.Trainable = true.", nameof(options));
            }

            trainableEmbeddings = latent.Embeddings;
            parameters.Add((Parameter)latent.Embeddings.Weights);
        }
        if (parameters.Count == 0)
        {
            throw new ArgumentException("The network has no trainable parameters.", nameof(network));
        }

        Device = parameters[0].device;
        optimizer = optim.AdamW(parameters, lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2, eps: options.Epsilon, weight_decay: options.WeightDecay);
        learningRate = new LearningRateSchedule(options.LearningRate, options.WarmupSteps, options.Decay, options.MaxSteps ?? long.MaxValue);
        Ema = new ExponentialMovingAverage(network.Module, options.EmaRate);
    }

    /// <summary>Optimisation steps done so far.</summary>
    public long Step { get; private set; }

    /// <summary>The device training runs on.</summary>
    public Device Device { get; }

    /// <summary>The EMA of the weights (sampling and evaluation use it).</summary>
    public ExponentialMovingAverage Ema { get; }

    /// <summary>The options in force.</summary>
    public TrainingOptions Options => options;

    /// <summary>
    /// Where the per-t diagnostic curves (CSV, JSON, PNG) are written at each validation, or null for none.
    /// </summary>
    public string? DiagnosticsDirectory { get; set; }

    /// <summary>The gradient norm of the last step (before clipping).</summary>
    public double LastGradientNorm { get; private set; }

    /// <summary>Runs one optimisation step (with accumulation) and returns its mean loss.</summary>
    /// <param name="data">Training data.</param>
    /// <exception cref="TrainingDivergedException">The loss is NaN or infinite (no update was applied).</exception>
    public double TrainStep(TokenizedCorpus data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var order = new EpochBatchOrder(data.Count, options.BatchSize, options.Seed);
        network.Module.train();
        double lr = learningRate.RateAt(Step);
        foreach (ParamGroup group in optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }

        optimizer.zero_grad();
        double total = 0;
        for (int micro = 0; micro < options.GradientAccumulation; micro++)
        {
            using var scope = NewDisposeScope();
            long microStep = (Step * options.GradientAccumulation) + micro;
            manual_seed(StepSeed(options.Seed, microStep));
            using Seq2SeqBatch batch = data.Batch(order.RowsAt(microStep), Device);
            Tensor value = loss.Compute(network, batch, targetPadId, timeSampler);
            double scalar = value.item<float>();
            if (!double.IsFinite(scalar))
            {
                optimizer.zero_grad();
                throw new TrainingDivergedException(
                    $"The training loss became {scalar} at step {Step} (learning rate {lr:g3}). The weights before this step are intact; "
                    + "lower TrainingOptions.LearningRate, raise WarmupSteps, or keep GradientClipNorm at 1.0.", Step, null);
            }

            (value / options.GradientAccumulation).backward();
            total += scalar;
        }

        LastGradientNorm = nn.utils.clip_grad_norm_(parameters, options.GradientClipNorm > 0 ? options.GradientClipNorm : double.MaxValue);
        optimizer.step();
        trainableEmbeddings?.RefreshSquaredNorms();
        Ema.Update(Step);
        Step++;
        return total / options.GradientAccumulation;
    }

    /// <summary>The mean loss over up to <paramref name="maxBatches"/> validation batches, with EMA weights and a fixed seed.</summary>
    /// <param name="data">Validation data.</param>
    /// <param name="maxBatches">How many batches at most.</param>
    public double Validate(TokenizedCorpus data, int maxBatches = 8) => Validate(data, maxBatches, loss);

    private double Validate(TokenizedCorpus data, int maxBatches, DiffusionLoss objective)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatches, 1);
        using IDisposable swap = Ema.SwapInto();
        network.Module.eval();
        using var noGrad = no_grad();
        int batches = Math.Min(maxBatches, Math.Max(1, data.Count / options.BatchSize));
        double total = 0;
        for (int i = 0; i < batches; i++)
        {
            using var scope = NewDisposeScope();
            manual_seed(StepSeed(options.Seed ^ 0x5A5A5A, i));
            int[] rows = Enumerable.Range(i * options.BatchSize, Math.Min(options.BatchSize, data.Count)).Select(r => r % data.Count).ToArray();
            using Seq2SeqBatch batch = data.Batch(rows, Device);
            total += objective.Compute(network, batch, targetPadId).item<float>();
        }

        network.Module.train();
        return total / batches;
    }

    /// <summary>
    /// Trains until the step or time limit, validating and checkpointing on schedule. Resumes from the store's latest
    /// checkpoint when there is one. A cancellation or time limit saves a checkpoint and returns normally.
    /// </summary>
    /// <param name="train">Training data.</param>
    /// <param name="validation">Validation data, or null.</param>
    /// <param name="store">Where checkpoints go, or null for none.</param>
    /// <param name="progress">Progress reports after every step, or null.</param>
    /// <param name="cancellationToken">Stops the run between steps.</param>
    public TrainingRunResult Run(TokenizedCorpus train, TokenizedCorpus? validation, CheckpointStore? store, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (store?.Latest is { } latest && latest.Step > Step)
        {
            LoadFrom(store.PathOf(latest));
            logger.LogInformation("Resumed from {Checkpoint} at step {Step}.", store.PathOf(latest), Step);
        }

        var clock = Stopwatch.StartNew();
        var losses = new List<double>();
        double? lastValidation = null;
        long startStep = Step;
        TimeSpan lastCheckpoint = TimeSpan.Zero;
        bool cancelled = false, byTime = false;
        while (options.MaxSteps is not { } max || Step < max)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            if (options.MaxDuration is { } budget && clock.Elapsed >= budget)
            {
                byTime = true;
                break;
            }

            double value = TrainStepSavingOnDivergence(train, store);
            losses.Add(value);
            bool evaluate = validation is not null && options.EvaluateEvery > 0 && Step % options.EvaluateEvery == 0;
            if (evaluate)
            {
                lastValidation = Validate(validation!);
                logger.LogInformation("Step {Step}: validation loss {Loss:F4}.", Step, lastValidation);
                LogDenoisingLoss(validation!);
                WriteDiagnostics(validation!);
            }

            lastCheckpoint = SaveIfDue(store, clock, lastCheckpoint, evaluate ? lastValidation : null);
            if (progress is not null)
            {
                ReportProgress(progress, value, startStep, clock, train.TargetLength);
            }
        }

        bool finalEvaluationMissing = validation is not null && options.EvaluateEvery > 0 && Step > startStep && Step % options.EvaluateEvery != 0 && !cancellationToken.IsCancellationRequested;
        if (finalEvaluationMissing)
        {
            // The end of a run is what gets compared: validate and write the per-t curves of the final weights too.
            lastValidation = Validate(validation!);
            logger.LogInformation("Step {Step} (final): validation loss {Loss:F4}.", Step, lastValidation);
            LogDenoisingLoss(validation!);
            WriteDiagnostics(validation!);
        }

        if (store is not null && (store.Latest is null || store.Latest.Step != Step))
        {
            Save(store, lastValidation);
        }

        return new TrainingRunResult(Step, losses, lastValidation, cancelled, byTime, clock.Elapsed);
    }

    /// <summary>With the token cross-entropy on, logs the validation loss without it (the same batches, t and noise): the number comparable across λ.</summary>
    private void LogDenoisingLoss(TokenizedCorpus validation)
    {
        if (denoisingLoss is not null)
        {
            logger.LogInformation("Step {Step}: validation denoising loss (without the token cross-entropy) {Loss:F4}.", Step, Validate(validation, 8, denoisingLoss));
        }
    }

    /// <summary>Computes the per-t curves on the first validation batch with EMA weights and writes them to <see cref="DiagnosticsDirectory"/>.</summary>
    /// <param name="validation">Validation data.</param>
    /// <returns>The curves, or null when <see cref="DiagnosticsDirectory"/> is not set.</returns>
    public IReadOnlyList<Diagnostics.PerTimeDiagnostic>? WriteDiagnostics(TokenizedCorpus validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (DiagnosticsDirectory is null)
        {
            return null;
        }

        using IDisposable swap = Ema.SwapInto();
        manual_seed(StepSeed(options.Seed ^ 0x2B2B2B, 0));
        int[] rows = Enumerable.Range(0, Math.Min(options.BatchSize, validation.Count)).ToArray();
        using Seq2SeqBatch batch = validation.Batch(rows, Device);
        var curves = Diagnostics.PerTimeDiagnostics.Compute(network, space, loss.Schedule, batch, null, targetPadId);
        Diagnostics.PerTimeDiagnostics.Write(DiagnosticsDirectory, $"step-{Step:D9}", curves);
        return curves;
    }

    /// <summary>Saves model, EMA, optimizer, step, options and identity into a new checkpoint of the store.</summary>
    /// <param name="store">The store.</param>
    /// <param name="metric">The tracked metric (validation loss), or null.</param>
    public CheckpointInfo Save(CheckpointStore store, double? metric)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Save(Step, metric, SaveTo);
    }

    /// <summary>Writes the full training state into a folder.</summary>
    /// <param name="folder">An existing folder.</param>
    public void SaveTo(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        TrainerCheckpointFiles.Write(folder, network.Module, Ema, optimizer, trainableEmbeddings, new TrainerState(Step, identity, options));
    }

    /// <summary>Restores the full training state from a folder written by <see cref="SaveTo"/>.</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <exception cref="InvalidOperationException">The checkpoint belongs to another latent space, vocabulary or model.</exception>
    /// <exception cref="InvalidDataException">A file is missing or damaged.</exception>
    public void LoadFrom(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        TrainerState state = TrainerCheckpointFiles.ReadState(folder);
        identity.EnsureMatches(state.Identity, folder);
        TrainerCheckpointFiles.Restore(folder, network.Module, Ema, optimizer, trainableEmbeddings);

        Step = state.Step;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Ema.Dispose();
        optimizer.Dispose();
    }

    /// <summary>The seed of a (micro-)step: all of its randomness derives from it.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="step">The step.</param>
    public static long StepSeed(int seed, long step) => unchecked((seed * 1_000_003L) + (step * 7919L) + 17);

    /// <summary>One <see cref="TrainStep"/>; when it diverges and there is a store, saves the last good state first and names it in the exception.</summary>
    private double TrainStepSavingOnDivergence(TokenizedCorpus train, CheckpointStore? store)
    {
        try
        {
            return TrainStep(train);
        }
        catch (TrainingDivergedException e) when (store is not null)
        {
            CheckpointInfo saved = Save(store, null);
            logger.LogError("Training diverged at step {Step}; last good state saved to {Folder}.", e.Step, store.PathOf(saved));
            throw new TrainingDivergedException(e.Message + $" The last good state was saved to '{store.PathOf(saved)}'.", e.Step, store.PathOf(saved));
        }
    }

    /// <summary>Saves a checkpoint when one is due by steps or by time; returns the run's time at the end of the last checkpoint.</summary>
    private TimeSpan SaveIfDue(CheckpointStore? store, Stopwatch clock, TimeSpan lastCheckpoint, double? metric)
    {
        bool dueBySteps = options.CheckpointEvery > 0 && Step % options.CheckpointEvery == 0;
        bool dueByTime = options.CheckpointInterval is { } interval && clock.Elapsed - lastCheckpoint >= interval;
        if (store is null || !(dueBySteps || dueByTime))
        {
            return lastCheckpoint;
        }

        CheckpointInfo saved = Save(store, metric);
        TimeSpan savedAt = clock.Elapsed;
        if (dueByTime && !dueBySteps)
        {
            logger.LogInformation("Step {Step}: checkpoint {Checkpoint} ({Minutes:0.#} min since the last one).", Step, store.PathOf(saved), options.CheckpointInterval!.Value.TotalMinutes);
        }

        return savedAt;
    }

    /// <summary>Reports the step just done: its loss, rate, throughput and the time left.</summary>
    private void ReportProgress(IProgress<TrainingProgress> progress, double value, long startStep, Stopwatch clock, int targetLength)
    {
        double elapsed = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        double stepsPerSecond = (Step - startStep) / elapsed;
        TimeSpan? remaining = Remaining(stepsPerSecond, clock.Elapsed);
        progress.Report(new TrainingProgress(Step, options.MaxSteps, value, learningRate.RateAt(Step - 1), LastGradientNorm, stepsPerSecond,
            stepsPerSecond * options.BatchSize * options.GradientAccumulation * targetLength, clock.Elapsed, remaining));
    }

    private TimeSpan? Remaining(double stepsPerSecond, TimeSpan elapsed)
    {
        TimeSpan? byTime = options.MaxDuration is { } d ? d - elapsed : null;
        TimeSpan? bySteps = options.MaxSteps is { } m && stepsPerSecond > 0 ? TimeSpan.FromSeconds((m - Step) / stepsPerSecond) : null;
        return (byTime, bySteps) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => null,
        };
    }
}
