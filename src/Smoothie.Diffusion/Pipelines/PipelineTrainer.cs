using System.Diagnostics;
using Smoothie.Diffusion.Diagnostics;
using Smoothie.Text.Realization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Training.Checkpoints;
using Smoothie.Training.Data;
using Smoothie.Training.Trainer;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>Trains a pipeline's denoiser on text pairs with the shared <see cref="DiffusionTrainer"/>.</summary>
public static class PipelineTrainer
{
    /// <summary>The checkpoints sub-folder of a training output folder.</summary>
    public const string CheckpointsFolder = "checkpoints";

    /// <summary>How many validation pairs are generated for the end-of-training metrics.</summary>
    public const int ValidationGenerationRows = 32;

    /// <summary>The per-t diagnostics sub-folder of a training output folder.</summary>
    public const string DiagnosticsFolder = "diagnostics";

    /// <summary>
    /// Trains on <paramref name="train"/> (resuming from <c>outputDirectory/checkpoints</c> when present), then copies the
    /// EMA weights into the model and saves the pipeline folder into <paramref name="outputDirectory"/>.
    /// </summary>
    /// <param name="pipeline">The pipeline to train.</param>
    /// <param name="train">Training pairs.</param>
    /// <param name="validation">Validation pairs, or null.</param>
    /// <param name="options">Training options.</param>
    /// <param name="outputDirectory">Where checkpoints and the final pipeline go.</param>
    /// <param name="progress">Progress reports, or null.</param>
    /// <param name="logger">A logger, or null.</param>
    /// <param name="cancellationToken">Stops training between steps (a checkpoint and the pipeline are still saved).</param>
    public static TrainingRunResult Train(
        this SmoothiePipeline pipeline,
        IReadOnlyList<Seq2SeqPair> train,
        IReadOnlyList<Seq2SeqPair>? validation,
        TrainingOptions options,
        string outputDirectory,
        IProgress<TrainingProgress>? progress = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        if (train.Count == 0)
        {
            throw new ArgumentException("The training set is empty.", nameof(train));
        }

        // A model with a self-conditioning encoder is trained with self-conditioning (and samples with it), else the
        // encoder would only ever see zeros in training.
        options = options with { SelfConditioning = options.SelfConditioning || pipeline.Network.SupportsSelfConditioning };
        pipeline.Casing ??= Text.Realization.CasingTable.Learn(train.Select(p => p.Target));
        pipeline.TargetWords ??= Evaluation.TargetWordList.FromTexts(train.Select(p => p.Target));
        pipeline.Lookup ??= Text.Baselines.WordLookupBaseline.Learn(train.Select(p => p.Source).ToList(), train.Select(p => p.Target).ToList());
        TokenizedCorpus trainCorpus = Tokenize(pipeline, Drafted(pipeline, train), logger, "train");
        TokenizedCorpus? validCorpus = validation is { Count: > 0 } ? Tokenize(pipeline, Drafted(pipeline, validation), logger, "validation") : null;
        var identity = IdentityOf(pipeline);
        var store = new CheckpointStore(Path.Combine(outputDirectory, CheckpointsFolder), options.KeepBestCheckpoints);
        using var trainer = new DiffusionTrainer(pipeline.Network, pipeline.Space, pipeline.Schedule, options, identity, pipeline.TargetPadId, logger)
        {
            DiagnosticsDirectory = Path.Combine(outputDirectory, DiagnosticsFolder),
        };
        using Activity? activity = SmoothieDiagnostics.ActivitySource.StartActivity(SmoothieDiagnostics.TrainActivityName);
        activity?.SetTag("smoothie.train.pairs", train.Count);
        TrainingRunResult result = trainer.Run(trainCorpus, validCorpus, store, progress, cancellationToken);
        activity?.SetTag("smoothie.train.steps", result.Steps);
        trainer.Ema.CopyToModule();
        pipeline.Denoiser.eval();
        pipeline.SetNote("trainedSteps", result.Steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (options.TokenLossWeight > 0)
        {
            pipeline.SetNote("tokenLossWeight", options.TokenLossWeight.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (validation is { Count: > 0 } && !cancellationToken.IsCancellationRequested)
        {
            // Generation metrics on a small validation subset (cheap settings; use Evaluate for full numbers).
            EvaluationReport report = pipeline.Evaluate(validation.Take(ValidationGenerationRows).ToList(), new GenerationOptions { Steps = 20, Seed = options.Seed }, cancellationToken);
            pipeline.SetNote("validationBleu", report.Bleu.ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
            pipeline.SetNote("validationRougeL", report.RougeL.ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
            logger?.LogInformation("Validation generation ({Count} pairs, 20 steps): BLEU {Bleu:F2}, ROUGE-L {RougeL:F4}.", report.Count, report.Bleu, report.RougeL);
        }

        pipeline.Save(outputDirectory);
        return result;
    }

    /// <summary>The identity checkpoints of this pipeline must match: latent space, embeddings + sub-vocabulary, V, model.</summary>
    /// <param name="pipeline">The pipeline.</param>
    public static CheckpointIdentity IdentityOf(SmoothiePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        string sub = pipeline.SubVocabulary is { } s
            ? $"/sub:{s.Count}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(s.OriginalIds))), 0, 8)}"
            : string.Empty;
        return new CheckpointIdentity(
            pipeline.Space.Name,
            pipeline.Configuration.EmbeddingIdentity + sub,
            pipeline.SubVocabulary?.Count ?? pipeline.Codec.VocabularySize,
            JsonSerializer.Serialize(pipeline.Configuration.Model, PipelineConfiguration.JsonOptions));
    }

    /// <summary>The pairs with each source replaced by what the model is given for it (<see cref="SmoothiePipeline.Draft"/>).</summary>
    private static IReadOnlyList<Seq2SeqPair> Drafted(SmoothiePipeline pipeline, IReadOnlyList<Seq2SeqPair> pairs) =>
        pipeline.Configuration.SourceDraft == SourceDraftKind.None ? pairs : pairs.Select(p => p with { Source = pipeline.Draft(p.Source) }).ToList();

    private static TokenizedCorpus Tokenize(SmoothiePipeline pipeline, IReadOnlyList<Seq2SeqPair> pairs, ILogger? logger, string name)
    {
        if (!pipeline.Configuration.Model.IsConditional)
        {
            IReadOnlyList<long[]> unconditional = pipeline.EncodeTargets(pairs.Select(p => p.Target).ToList());
            return new TokenizedCorpus(unconditional, null, pipeline.Configuration.TargetLength, pipeline.Configuration.SourceLength, pipeline.Codec.PadId);
        }

        PairEncoding encoding = pipeline.EncodePairs(pairs);
        logger?.LogInformation("Encoding the {Name} pairs: {Summary}", name, encoding.Summary);
        if (encoding.Rows == 0)
        {
            throw new ArgumentException($"No {name} pair fits the model: {encoding.Summary} Raise the target length or use the source-aligned layout.", nameof(pairs));
        }

        return new TokenizedCorpus(encoding.Targets, encoding.Sources, pipeline.Configuration.TargetLength, pipeline.Configuration.SourceLength, pipeline.Codec.PadId);
    }
}
