using System.Globalization;
using Smoothie.Data;
using Smoothie.Diffusion;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Latent.Spaces;
using Smoothie.Latent.Text;
using Smoothie.Models.Configuration;
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
        SmoothieBuilder builder = SmoothieBuilder.Create().UseMiniLmEmbeddings();
        builder = settings.Initialization switch
        {
            "scratch" => builder.UseScratchInitialization(),
            "minilm-condition" => builder.UseMiniLmInitialization(denoiserBlocks: false, settings.FreezeConditionEncoder),
            "minilm" => builder.UseMiniLmInitialization(denoiserBlocks: true, settings.FreezeConditionEncoder),
            _ => throw new ArgumentException($"--init: unknown value '{settings.Initialization}'; expected scratch, minilm-condition or minilm."),
        };
        DistanceSettings distance = DistanceSettingsOf(settings);
        builder = settings.Latent == LatentSpaceKind.Distance
            ? builder.UseDistanceSpace(distance, settings.DistanceInput == "posterior" ? DistanceInputMode.Posterior : DistanceInputMode.SoftmaxMix)
            : builder.UseLatentSpace(settings.Latent);
        if (settings.Schedule is not null || settings.ScheduleParameters is not null)
        {
            string name = settings.Schedule ?? DefaultSchedule(settings.Latent);
            var parameters = name == "arctan" ? distance.ScheduleParameters() : DefaultScheduleParameters(name);
            foreach ((string key, double value) in settings.ScheduleParameters ?? new Dictionary<string, double>())
            {
                parameters[key] = value;
            }

            builder = builder.UseSchedule(name, parameters);
        }

        DenoiserConfig model = ModelPresets.ByName(settings.Preset);
        if (settings.SelfConditioning)
        {
            model = model with { UseSelfConditioning = true };
        }

        model = model with { InputSkip = settings.InputSkip, CopyHead = settings.UsesCopyHead(settings.Latent) };

        if (settings.UsesAlignedLayout(settings.Latent))
        {
            builder = builder.UseSourceAlignedLayout();
        }

        if (settings.Vocabulary == "corpus")
        {
            builder = builder.UseSubVocabularyOf(train.Select(p => p.Target));
        }

        (int steps, bool clamp, double? delta) = settings.SamplingDefaults(settings.Latent);
        return builder
            .UseModel(model)
            .UseLengths(settings.SourceLength, settings.TargetLength)
            .UseSampling(steps, settings.Solver, clamp, delta)
            .UseDevice(settings.Device)
            .UseSeed(settings.Seed)
            .Build();
    }

    /// <summary>The named distance settings (<c>--distance-settings</c>) with an explicit <c>--sigma-min</c> applied.</summary>
    public static DistanceSettings DistanceSettingsOf(TrainSettings settings)
    {
        DistanceSettings named = DistanceSettings.ByName(settings.DistanceSettings, MiniLmEmbeddings.Dimension);
        return settings.SigmaMin is { } sigmaMin ? named with { SigmaMin = sigmaMin } : named;
    }

    /// <summary>The schedule a latent space pairs with by default (the paper's choice).</summary>
    public static string DefaultSchedule(LatentSpaceKind latent) => latent switch
    {
        LatentSpaceKind.Distance => "arctan",
        LatentSpaceKind.Embedding => "cosine-sd",
        _ => "tess",
    };

    /// <summary>The paper's parameters of a schedule (unknown names are rejected later by the schedule factory).</summary>
    public static Dictionary<string, double> DefaultScheduleParameters(string schedule) => schedule switch
    {
        "arctan" => new() { ["d"] = 9, ["delta"] = 1.0, ["sigmaMax"] = 200 },
        "cosine-sd" => new() { ["d"] = 9 },
        "cosine" => new() { ["beta0"] = 0.1, ["beta1"] = 20 },
        _ => [],
    };

    public static TrainingRunResult Train(SmoothiePipeline pipeline, TrainSettings settings, IReadOnlyList<Seq2SeqPair> train, IReadOnlyList<Seq2SeqPair> valid, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var options = new TrainingOptions
        {
            BatchSize = settings.BatchSize,
            LearningRate = settings.LearningRate,
            WarmupSteps = settings.WarmupSteps,
            MaxSteps = settings.MaxSteps ?? (settings.MaxMinutes is null ? 1000 : null),
            MaxDuration = settings.MaxMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
            Seed = settings.Seed,
            EmaRate = settings.EmaRate ?? new TrainingOptions().EmaRate,
            TimeSampling = settings.TimeSampling == "loss-weighted" ? TimeSampling.LossWeighted : TimeSampling.Uniform,
            EvaluateEvery = 250,
            CheckpointEvery = 250,
            CheckpointInterval = TimeSpan.FromMinutes(settings.CheckpointMinutes),
        };
        console.MarkupLine(
            $"Model: [bold]{settings.Preset}[/] ({pipeline.Model.TrainableParameterCount:N0} trainable parameters, init {pipeline.Configuration.Initialization}{(pipeline.Configuration.FreezeConditionEncoder ? ", condition encoder frozen" : string.Empty)}), latent [bold]{pipeline.Space.Name}[/] over V = {pipeline.Space.LatentDimension:N0}"
            + $"{(pipeline.SubVocabulary is null ? " (full vocabulary)" : $" (sub-vocabulary of {pipeline.Codec.VocabularySize:N0})")}, schedule {pipeline.Schedule.Name}, device {pipeline.Device.type}.");
        console.MarkupLine($"Training: batch {options.BatchSize}, lr {options.LearningRate:g3}, " + (options.MaxSteps is { } s ? $"{s:N0} steps" : string.Empty)
            + (options.MaxDuration is { } d ? $"{(options.MaxSteps is null ? string.Empty : ", ")}budget {d.TotalMinutes:0.#} min" : string.Empty) + $", output {Markup.Escape(settings.Output)}.");
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

    /// <summary>Prints one progress line at most every few seconds (works in terminals and CI logs alike).</summary>
    private sealed class ProgressPrinter(IAnsiConsole console) : IProgress<TrainingProgress>
    {
        private DateTime last = DateTime.MinValue;

        public void Report(TrainingProgress value)
        {
            if (DateTime.UtcNow - last < TimeSpan.FromSeconds(10) && value.Step != value.MaxSteps)
            {
                return;
            }

            last = DateTime.UtcNow;
            string of = value.MaxSteps is { } m ? $"/{m:N0}" : string.Empty;
            string eta = value.Remaining is { } r ? $"  ETA {(r.TotalHours >= 1 ? r.ToString(@"h\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) : r.ToString(@"mm\:ss", System.Globalization.CultureInfo.InvariantCulture))}" : string.Empty;
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"  step {value.Step:N0}{of}  loss {value.Loss:F4}  lr {value.LearningRate:0.0e0}  grad {value.GradientNorm:F2}  {value.StepsPerSecond:F2} steps/s  {value.TokensPerSecond:N0} tok/s{eta}"));
        }
    }
}
