using System.Globalization;
using Smoothie.Data;
using Smoothie.Diffusion;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Latent.Spaces;
using Smoothie.Text;
using Smoothie.Models.Configuration;
using Smoothie.Schedulers.Schedules;
using Smoothie.Training.Trainer;
using Spectre.Console;

namespace Smoothie.Cli;

/// <summary>Loads and filters data, builds a pipeline and trains it, printing progress (shared by train, quickstart and ablate).</summary>
internal static class TrainingRecipe
{
    public static (IReadOnlyList<Seq2SeqPair> Train, IReadOnlyList<Seq2SeqPair> Valid) LoadData(TrainSettings settings, IAnsiConsole console)
    {
        IReadOnlyList<Seq2SeqPair> train, valid;
        if (settings.DataFile is null)
        {
            train = BibleCorpus.Pairs(BibleSplit.Train, settings.SourceColumn, settings.TargetColumn);
            valid = BibleCorpus.Pairs(BibleSplit.Valid, settings.SourceColumn, settings.TargetColumn);
            console.MarkupLine($"Data: bundled Bible corpus, [bold]{settings.SourceColumn} → {settings.TargetColumn}[/] ({train.Count:N0} train / {valid.Count:N0} valid verses).");
        }
        else
        {
            train = Seq2SeqReader.ReadFile(settings.DataFile, settings.SourceColumn, settings.TargetColumn);
            valid = settings.ValidFile is null ? [] : Seq2SeqReader.ReadFile(settings.ValidFile, settings.SourceColumn, settings.TargetColumn);
            console.MarkupLine($"Data: {Markup.Escape(settings.DataFile)} ({train.Count:N0} pairs), columns {Markup.Escape(settings.SourceColumn)} → {Markup.Escape(settings.TargetColumn)}.");
        }

        console.MarkupLine("Every pair is used: a source longer than the model's source length is split with its target at clause or word boundaries (the training log counts them).");
        if (settings.MaxTrainRows is { } max && train.Count > max)
        {
            train = train.Take(max).ToList();
            console.MarkupLine($"Using the first {max:N0} training pairs (--max-train-rows).");
        }

        if (train.Count == 0)
        {
            throw new ArgumentException("The training data has no pairs; check the file and the --source/--target columns.");
        }

        return (train, valid.Take(256).ToList());
    }

    public static SmoothiePipeline Build(TrainSettings settings, IReadOnlyList<Seq2SeqPair> train)
    {
        SmoothieBuilder builder = settings.Embeddings == TrainSettings.Gpt2EmbeddingsName
            ? SmoothieBuilder.Create().UseGpt2Vocabulary(train.SelectMany(p => new[] { p.Source, p.Target }))
            : SmoothieBuilder.Create().UseMiniLmEmbeddings();
        builder = settings.Initialization switch
        {
            "scratch" => builder.UseScratchInitialization(),
            "minilm-condition" => builder.UseMiniLmInitialization(denoiserBlocks: false, settings.FreezeConditionEncoder),
            "minilm" => builder.UseMiniLmInitialization(denoiserBlocks: true, settings.FreezeConditionEncoder),
            _ => throw new ArgumentException($"--init: unknown value '{settings.Initialization}'; expected scratch, minilm-condition or minilm."),
        };
        string schedule = settings.Schedule ?? DefaultSchedule(settings.Latent);
        ArctanParameters distance = DistanceGeometryOf(settings, schedule);
        var input = settings.DistanceInput == "posterior" ? DistanceInputMode.Posterior : DistanceInputMode.SoftmaxMix;
        if (settings.Latent == LatentSpaceKind.Distance && schedule == NoiseSchedules.Arctan)
        {
            // σ_min, σ_max, d and δ travel together, in one record, into the configuration's schedule (the space reads σ_min there).
            builder = builder.UseDistanceSpace(input: input).UseSchedule(distance);
        }
        else
        {
            builder = settings.Latent == LatentSpaceKind.Distance ? builder.UseDistanceSpace(distance.SigmaMin, input) : builder.UseLatentSpace(settings.Latent);
            if (settings.Schedule is not null || settings.ScheduleParameters is not null)
            {
                builder = builder.UseSchedule(schedule, new Dictionary<string, double>(settings.ScheduleParameters ?? new Dictionary<string, double>()));
            }
        }

        DenoiserConfig model = ModelPresets.ByName(settings.Preset);
        if (settings.Dropout is { } dropout)
        {
            model = model with { Dropout = dropout, AttentionDropout = dropout };
        }

        if (settings.SelfConditioning)
        {
            model = model with { UseSelfConditioning = true };
        }

        model = model with { InputSkip = settings.InputSkip, CopyHead = settings.UsesCopyHead(settings.Latent), SharedSourcePositions = model.IsConditional && settings.UsesSharedPositions(settings.Latent) };

        if (settings.UsesAlignedLayout(settings.Latent))
        {
            builder = builder.UseSourceAlignedLayout();
        }

        SourceDraftKind draft = settings.UsesDraft(settings.Latent);
        builder = builder.UseSourceDraft(draft, settings.UsesDraftShare).UseGuardKeepShare(draft == SourceDraftKind.None ? null : settings.GuardKeepShare);
        if (settings.Vocabulary == "corpus")
        {
            builder = builder.UseSubVocabularyOf(train.Select(p => p.Target));
        }

        (int steps, bool clamp, double? delta) = settings.SamplingDefaults(settings.Latent);
        SmoothiePipeline pipeline = builder
            .UseModel(model)
            .UseLengths(settings.SourceLength, settings.TargetLength)
            .UseSampling(steps, settings.Solver, clamp, delta)
            .UseDevice(settings.Device)
            .UseSeed(settings.Seed)
            .Build();
        if (settings.Latent == LatentSpaceKind.Distance)
        {
            // The CLI recipe's σ's differ from the library's (the paper's): say in pipeline.json where they came from.
            // (ASCII: pipeline.json escapes other characters.)
            pipeline.SetNote(DistanceSettingsNote, string.Create(CultureInfo.InvariantCulture,
                $"{settings.DistanceSettings}{(settings.SigmaMin is null ? string.Empty : " with --sigma-min")}: sigmaMin {distance.SigmaMin}, sigmaMax {distance.SigmaMax}, d {distance.D}, delta {distance.Delta}"
                + $" (the CLI recipe's default is 'scaled': the paper's sigmas times sqrt({settings.EmbeddingDimension}/{DistanceSettings.PaperEmbeddingDimension}) for the {(settings.Embeddings == TrainSettings.Gpt2EmbeddingsName ? $"{settings.EmbeddingDimension}-d GPT-2 corpus" : "MiniLM")} embeddings; SmoothieBuilder and SmoothieOptions default to the paper's, sigmaMin {DistanceSettings.Paper.SigmaMin}, sigmaMax {DistanceSettings.Paper.SigmaMax})"));
        }

        return pipeline;
    }

    /// <summary>The pipeline.json note that records which named distance settings a CLI run used.</summary>
    public const string DistanceSettingsNote = "distanceSettings";

    /// <summary>
    /// The distance geometry of a run: the named settings (<c>--distance-settings</c>: <c>scaled</c>, the CLI recipe's own
    /// default, or <c>paper</c>) with <c>--sigma-min</c> and, for the Arctan schedule, <c>--schedule-params</c> applied,
    /// checked by <see cref="Smoothie.Schedulers.Schedules.ArctanParameters"/>. σ_min may not be given in
    /// <c>--schedule-params</c> (nor the Tess schedule's k): the latent space owns it, and a second value would be overridden.
    /// </summary>
    /// <exception cref="ArgumentException">A value is out of range or given where the space overrides it; the message names the option.</exception>
    public static ArctanParameters DistanceGeometryOf(TrainSettings settings, string schedule)
    {
        IReadOnlyDictionary<string, double> given = settings.ScheduleParameters ?? new Dictionary<string, double>();
        foreach ((string key, double value) in given)
        {
            if (string.Equals(key, "sigmaMin", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"--schedule-params {key}={value}: σ_min is the distance space's and the schedule takes it from there (--distance-settings {settings.DistanceSettings} or --sigma-min), so this value would be overridden; set it with --sigma-min {value}."));
            }

            if (schedule == NoiseSchedules.Tess && string.Equals(key, "k", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"--schedule-params {key}={value}: the Tess schedule's k is the simplex space's (the default, {TessParameters.Default.K}), so this value would be overridden."));
            }
        }

        ArctanParameters named = DistanceSettings.ByName(settings.DistanceSettings, settings.EmbeddingDimension).ToArctanParameters();
        ArctanParameters parameters = named with { SigmaMin = settings.SigmaMin ?? named.SigmaMin };
        if (schedule == NoiseSchedules.Arctan && given.Count > 0)
        {
            Dictionary<string, double> values = parameters.ToDictionary();
            foreach ((string key, double value) in given)
            {
                values[key] = value;
            }

            parameters = (ArctanParameters)NoiseScheduleParameters.FromDictionary(NoiseSchedules.Arctan, values);
        }

        string Origin(string parameter) => parameter == "sigmaMin"
            ? (settings.SigmaMin is null ? $"--distance-settings {settings.DistanceSettings}" : "--sigma-min")
            : (schedule == NoiseSchedules.Arctan && given.Keys.Any(k => string.Equals(k, parameter, StringComparison.OrdinalIgnoreCase)) ? "--schedule-params" : $"--distance-settings {settings.DistanceSettings}");
        var problems = parameters.Problems()
            .Where(p => schedule == NoiseSchedules.Arctan || p.Parameter == "sigmaMin")
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Parameter} = {p.Value} ({Origin(p.Parameter)}) {p.Requirement}")
                + (p.Requirement.Contains("sigmaMin", StringComparison.Ordinal) ? $" ({Origin("sigmaMin")})" : string.Empty))
            .ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems) + ".");
        }

        return parameters;
    }

    /// <summary>The schedule a latent space pairs with by default (the paper's choice).</summary>
    public static string DefaultSchedule(LatentSpaceKind latent) => latent switch
    {
        LatentSpaceKind.Distance => NoiseSchedules.Arctan,
        LatentSpaceKind.Embedding => NoiseSchedules.CosineSd,
        _ => NoiseSchedules.Tess,
    };

    /// <summary>The trainer's options of a run: the same for the diffusion pipeline and the autoregressive baseline.</summary>
    public static TrainingOptions OptionsOf(TrainSettings settings) => new()
    {
        BatchSize = settings.BatchSize,
        LearningRate = settings.LearningRate,
        WarmupSteps = settings.WarmupSteps,
        MaxSteps = settings.MaxSteps ?? (settings.MaxMinutes is null ? 1000 : null),
        MaxDuration = settings.MaxMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
        Seed = settings.Seed,
        EmaRate = settings.EmaRate ?? new TrainingOptions().EmaRate,
        TimeSampling = settings.TimeSampling == "loss-weighted" ? TimeSampling.LossWeighted : TimeSampling.Uniform,
        TokenLossWeight = settings.TokenLoss,
        EvaluateEvery = 250,
        CheckpointEvery = 250,
        CheckpointInterval = TimeSpan.FromMinutes(settings.CheckpointMinutes),
    };

    public static TrainingRunResult Train(SmoothiePipeline pipeline, TrainSettings settings, IReadOnlyList<Seq2SeqPair> train, IReadOnlyList<Seq2SeqPair> valid, IAnsiConsole console, CancellationToken cancellationToken)
    {
        TrainingOptions options = OptionsOf(settings);
        if (options.TokenLossWeight > 0 && pipeline.Space.LossKind != Smoothie.Latent.Spaces.LatentLossKind.EmbeddingMse)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--token-loss {options.TokenLossWeight} needs the distance or embedding latent space; the {pipeline.Space.Name} space already trains a token cross-entropy (use --token-loss 0)."));
        }

        console.MarkupLine(
            $"Model: [bold]{settings.Preset}[/] ({pipeline.Denoiser.TrainableParameterCount:N0} trainable parameters, init {pipeline.Configuration.Initialization}{(pipeline.Configuration.FreezeConditionEncoder ? ", condition encoder frozen" : string.Empty)}), latent [bold]{pipeline.Space.Name}[/] over V = {pipeline.Space.LatentDimension:N0}"
            + $"{(pipeline.SubVocabulary is null ? " (full vocabulary)" : $" (sub-vocabulary of {pipeline.Codec.VocabularySize:N0})")}, schedule {pipeline.Schedule.Name}, device {pipeline.Device.type}.");
        console.MarkupLine($"Training: batch {options.BatchSize}, lr {options.LearningRate:g3}, " + (options.MaxSteps is { } s ? $"{s:N0} steps" : string.Empty)
            + (options.MaxDuration is { } d ? $"{(options.MaxSteps is null ? string.Empty : ", ")}budget {d.TotalMinutes:0.#} min" : string.Empty)
            + (options.TokenLossWeight > 0 ? $", token cross-entropy λ {options.TokenLossWeight:g3}" : string.Empty) + $", output {Markup.Escape(settings.Output)}.");
        var reporter = new ProgressPrinter(console);
        TrainingRunResult result = pipeline.Train(train, valid, options, settings.Output, reporter, new ConsoleLogger(console), cancellationToken);
        console.MarkupLine($"Trained {result.Steps:N0} steps in {result.Elapsed.TotalMinutes:0.0} min; last loss {result.Losses.LastOrDefault():F4}"
            + (result.LastValidationLoss is { } v ? $", validation loss {v:F4}" : string.Empty) + (result.Cancelled ? " (cancelled)" : string.Empty) + ".");
        console.MarkupLine($"Saved the pipeline to [bold]{Markup.Escape(settings.Output)}[/] (per-t diagnostics in {Markup.Escape(Path.Combine(settings.Output, PipelineTrainer.DiagnosticsFolder))}).");
        if (result.Cancelled)
        {
            console.MarkupLine(
                $"[yellow]Interrupted[/] at step {result.Steps:N0}; its checkpoint is in {Markup.Escape(Path.Combine(settings.Output, PipelineTrainer.CheckpointsFolder))}. "
                + "Run the same command again to resume from it.");
        }
        return result;
    }
}
