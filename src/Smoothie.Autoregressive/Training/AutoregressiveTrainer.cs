using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Smoothie.Autoregressive.Modules;
using Smoothie.Autoregressive.Vocabulary;
using Smoothie.Runtime;
using Smoothie.Training.Checkpoints;
using Smoothie.Training.Data;
using Smoothie.Training.Optimization;
using Smoothie.Training.Trainer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Training;

/// <summary>
/// Trains the pointer-generator Transformer by teacher forcing and cross-entropy with the diffusion trainer's machinery:
/// the same <see cref="TrainingOptions"/> (AdamW with explicit β, warm-up and decay by <see cref="LearningRateSchedule"/>,
/// gradient clipping and accumulation, the warmed-up <see cref="ExponentialMovingAverage"/>, the time and step budget),
/// the same data order (<see cref="EpochBatchOrder"/>), per-step seeds (<see cref="DiffusionTrainer.StepSeed"/>) and
/// checkpoint files (<see cref="TrainerCheckpointFiles"/> in a <see cref="CheckpointStore"/>), so a resumed CPU run repeats
/// the uninterrupted one. Options that only mean something for diffusion (time sampling, self-conditioning, padding
/// masking, minimum time) are ignored; trained embeddings and condition dropout are rejected.
/// </summary>
public sealed class AutoregressiveTrainer : IDisposable
{
    private readonly PointerGeneratorTransformer network;
    private readonly Tensor embeddingMatrix;
    private readonly PointerVocabulary vocabulary;
    private readonly TrainingOptions options;
    private readonly CheckpointIdentity identity;
    private readonly ILogger logger;
    private readonly List<Parameter> parameters;
    private readonly OptimizerHelper optimizer;
    private readonly LearningRateSchedule learningRate;

    /// <summary>Creates a trainer; the network's parameters and E must already be on the training device.</summary>
    /// <param name="network">The network.</param>
    /// <param name="embeddingMatrix">The frozen embedding matrix E <c>[V, d]</c> (borrowed).</param>
    /// <param name="vocabulary">The pointer vocabulary.</param>
    /// <param name="options">Hyper-parameters (validated here).</param>
    /// <param name="identity">What checkpoints must match to be resumed.</param>
    /// <param name="logger">Optional logger.</param>
    /// <exception cref="ArgumentException">The options ask for something this trainer cannot do.</exception>
    public AutoregressiveTrainer(PointerGeneratorTransformer network, Tensor embeddingMatrix, PointerVocabulary vocabulary, TrainingOptions options, CheckpointIdentity identity, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(embeddingMatrix);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        options.Validate();
        if (options.TrainEmbeddings || options.ConditionDropout > 0 || options.SelfConditioning)
        {
            throw new ArgumentException("TrainingOptions.TrainEmbeddings, ConditionDropout and SelfConditioning are diffusion options; the autoregressive trainer keeps E frozen and always reads the source. Leave them at their defaults.", nameof(options));
        }

        TorchSharpRuntime.EnsureLoaded();
        this.network = network;
        this.embeddingMatrix = embeddingMatrix;
        this.vocabulary = vocabulary;
        this.options = options;
        this.identity = identity;
        this.logger = logger ?? NullLogger.Instance;
        parameters = network.parameters().Where(p => p.requires_grad).ToList();
        Device = parameters[0].device;
        optimizer = optim.AdamW(parameters, lr: options.LearningRate, beta1: options.Beta1, beta2: options.Beta2, eps: options.Epsilon, weight_decay: options.WeightDecay);
        learningRate = new LearningRateSchedule(options.LearningRate, options.WarmupSteps, options.Decay, options.MaxSteps ?? long.MaxValue);
        Ema = new ExponentialMovingAverage(network, options.EmaRate);
    }

    /// <summary>Optimisation steps done so far.</summary>
    public long Step { get; private set; }

    /// <summary>The device training runs on.</summary>
    public Device Device { get; }

    /// <summary>The EMA of the weights (decoding and validation use it).</summary>
    public ExponentialMovingAverage Ema { get; }

    /// <summary>The gradient norm of the last step (before clipping).</summary>
    public double LastGradientNorm { get; private set; }

    /// <summary>Runs one optimisation step (with accumulation) and returns its mean loss.</summary>
    /// <param name="data">Training rows: framed targets and sources in codec ids.</param>
    /// <exception cref="TrainingDivergedException">The loss is NaN or infinite (no update was applied).</exception>
    public double TrainStep(TokenizedCorpus data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireSources(data, nameof(data));
        var order = new EpochBatchOrder(data.Count, options.BatchSize, options.Seed);
        network.train();
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
            manual_seed(DiffusionTrainer.StepSeed(options.Seed, microStep));
            using PointerBatch batch = BatchOf(data, order.RowsAt(microStep));
            Tensor value = TeacherForcingLoss.Compute(network, batch, embeddingMatrix);
            double scalar = value.item<float>();
            if (!double.IsFinite(scalar))
            {
                optimizer.zero_grad();
                throw new TrainingDivergedException(
                    $"The training loss became {scalar} at step {Step} (learning rate {lr:g3}). The weights before this step are intact; lower TrainingOptions.LearningRate or raise WarmupSteps.", Step, null);
            }

            (value / options.GradientAccumulation).backward();
            total += scalar;
        }

        LastGradientNorm = nn.utils.clip_grad_norm_(parameters, options.GradientClipNorm > 0 ? options.GradientClipNorm : double.MaxValue);
        optimizer.step();
        Ema.Update(Step);
        Step++;
        return total / options.GradientAccumulation;
    }

    /// <summary>The mean loss over up to <paramref name="maxBatches"/> validation batches, with EMA weights and no dropout.</summary>
    /// <param name="data">Validation rows.</param>
    /// <param name="maxBatches">How many batches at most (≥ 1).</param>
    public double Validate(TokenizedCorpus data, int maxBatches = 8)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireSources(data, nameof(data));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatches, 1);
        using IDisposable swap = Ema.SwapInto();
        network.eval();
        using var noGrad = no_grad();
        int batches = Math.Min(maxBatches, Math.Max(1, data.Count / options.BatchSize));
        double total = 0;
        for (int i = 0; i < batches; i++)
        {
            using var scope = NewDisposeScope();
            int[] rows = Enumerable.Range(i * options.BatchSize, Math.Min(options.BatchSize, data.Count)).Select(r => r % data.Count).ToArray();
            using PointerBatch batch = BatchOf(data, rows);
            total += TeacherForcingLoss.Compute(network, batch, embeddingMatrix).item<float>();
        }

        network.train();
        return total / batches;
    }

    /// <summary>
    /// Trains until the step or time limit, validating and checkpointing on schedule. Resumes from the store's latest
    /// checkpoint when there is one. A cancellation or the time limit saves a checkpoint and returns normally.
    /// </summary>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows, or null.</param>
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
            cancelled = cancellationToken.IsCancellationRequested;
            byTime = options.MaxDuration is { } budget && clock.Elapsed >= budget;
            if (cancelled || byTime)
            {
                break;
            }

            double value = TrainStep(train);
            losses.Add(value);
            bool evaluate = validation is not null && options.EvaluateEvery > 0 && Step % options.EvaluateEvery == 0;
            if (evaluate)
            {
                lastValidation = Validate(validation!);
                logger.LogInformation("Step {Step}: validation loss {Loss:F4}.", Step, lastValidation);
            }

            lastCheckpoint = SaveIfDue(store, clock, lastCheckpoint, evaluate ? lastValidation : null);
            progress?.Report(Progress(value, startStep, clock.Elapsed, train.TargetLength));
        }

        if (validation is not null && options.EvaluateEvery > 0 && Step > startStep && Step % options.EvaluateEvery != 0 && !cancelled)
        {
            lastValidation = Validate(validation);
            logger.LogInformation("Step {Step} (final): validation loss {Loss:F4}.", Step, lastValidation);
        }

        if (store is not null && (store.Latest is null || store.Latest.Step != Step))
        {
            Save(store, lastValidation);
        }

        return new TrainingRunResult(Step, losses, lastValidation, cancelled, byTime, clock.Elapsed);
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
        TrainerCheckpointFiles.Write(folder, network, Ema, optimizer, null, new TrainerState(Step, identity, options));
    }

    /// <summary>Restores the full training state from a folder written by <see cref="SaveTo"/>.</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <exception cref="InvalidOperationException">The checkpoint belongs to another model, vocabulary or embeddings.</exception>
    /// <exception cref="InvalidDataException">A file is missing or damaged.</exception>
    public void LoadFrom(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        TrainerState state = TrainerCheckpointFiles.ReadState(folder);
        identity.EnsureMatches(state.Identity, folder);
        TrainerCheckpointFiles.Restore(folder, network, Ema, optimizer, null);
        Step = state.Step;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Ema.Dispose();
        optimizer.Dispose();
    }

    private static void RequireSources(TokenizedCorpus data, string name)
    {
        if (!data.IsConditional || data.TargetLength < 2)
        {
            throw new ArgumentException("The autoregressive trainer needs source rows and target rows of at least 2 ids (start and end tokens).", name);
        }
    }

    private PointerBatch BatchOf(TokenizedCorpus data, IReadOnlyList<int> rows) =>
        PointerBatch.FromRows(rows.Select(r => data.Sources![r]).ToList(), rows.Select(r => data.Targets[r]).ToList(), vocabulary, Device);

    private TimeSpan SaveIfDue(CheckpointStore? store, Stopwatch clock, TimeSpan lastCheckpoint, double? metric)
    {
        bool dueBySteps = options.CheckpointEvery > 0 && Step % options.CheckpointEvery == 0;
        bool dueByTime = options.CheckpointInterval is { } interval && clock.Elapsed - lastCheckpoint >= interval;
        if (store is null || !(dueBySteps || dueByTime))
        {
            return lastCheckpoint;
        }

        Save(store, metric);
        return clock.Elapsed;
    }

    private TrainingProgress Progress(double loss, long startStep, TimeSpan elapsed, int targetLength)
    {
        double stepsPerSecond = (Step - startStep) / Math.Max(elapsed.TotalSeconds, 1e-9);
        TimeSpan? byTime = options.MaxDuration is { } d ? d - elapsed : null;
        TimeSpan? bySteps = options.MaxSteps is { } m && stepsPerSecond > 0 ? TimeSpan.FromSeconds((m - Step) / stepsPerSecond) : null;
        TimeSpan? remaining = byTime is { } a && bySteps is { } b ? (a < b ? a : b) : byTime ?? bySteps;
        return new TrainingProgress(Step, options.MaxSteps, loss, learningRate.RateAt(Step - 1), LastGradientNorm, stepsPerSecond,
            stepsPerSecond * options.BatchSize * options.GradientAccumulation * targetLength, elapsed, remaining);
    }
}
