using System.CommandLine;
using System.Globalization;
using Smoothie.Diffusion.Configuration;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Cli;

/// <summary>
/// Training-recipe options shared by <c>train</c>, <c>quickstart</c> and <c>ablate</c>: optimisation (batch, learning rate,
/// warm-up, EMA), the latent geometry and noise schedule (σ_min, schedule name and parameters), self-conditioning and the
/// training-time distribution of t. Each command supplies its own defaults.
/// </summary>
internal sealed class RecipeOptions
{
    private readonly Option<int> batch;
    private readonly Option<double> learningRate;
    private readonly Option<int> warmup;
    private readonly Option<double?> emaRate;
    private readonly Option<double?> sigmaMin;
    private readonly Option<string?> schedule;
    private readonly Option<string?> scheduleParameters;
    private readonly Option<bool> selfConditioning;
    private readonly Option<bool> inputSkip;
    private readonly Option<double?> dropout;
    private readonly Option<bool> sharedPositions;
    private readonly Option<bool> copyHead;
    private readonly Option<string?> layout;
    private readonly Option<string?> draft;
    private readonly Option<double?> draftShare;
    private readonly Option<double?> guardKeepShare;
    private readonly Option<string> timeSampling;
    private readonly Option<double> tokenLoss;
    private readonly Option<string> distanceInput;
    private readonly Option<string> vocabulary;
    private readonly Option<string> embeddings;
    private readonly Option<string> distanceSettings;
    private readonly Option<double> checkpointMinutes;

    /// <summary>Creates the options with a command's defaults.</summary>
    public RecipeOptions(TrainSettings defaults)
    {
        batch = CliOptions.Positive(new Option<int>("--batch-size") { Description = "Sequences per step.", DefaultValueFactory = _ => defaults.BatchSize });
        learningRate = CliOptions.Positive(new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => defaults.LearningRate });
        warmup = new Option<int>("--warmup-steps") { Description = "Linear learning-rate warm-up steps.", DefaultValueFactory = _ => defaults.WarmupSteps };
        warmup.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError($"--warmup-steps must be ≥ 0; got {r.GetValueOrDefault<int>()}.");
            }
        });
        emaRate = new Option<double?>("--ema-rate") { Description = "Ceiling of the warmed-up EMA decay min(rate, (1+n)/(10+n)), in [0, 1) (default 0.999)." };
        emaRate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } v && !(v >= 0 && v < 1))
            {
                r.AddError($"--ema-rate must lie in [0, 1); got {v}.");
            }
        });
        // Ranges are checked where the values meet, by ArctanParameters (TrainingRecipe.DistanceGeometryOf).
        sigmaMin = new Option<double?>("--sigma-min") { Description = $"σ_min of the distance space and its Arctan schedule (default: that of --distance-settings; the paper's is {DistanceSettings.Paper.SigmaMin.ToString(CultureInfo.InvariantCulture)})." };
        schedule = new Option<string?>("--schedule") { Description = "Noise schedule: arctan, cosine-sd, sqrt, cosine or tess (default: the latent space's own)." };
        schedule.AcceptOnlyFromAmong([.. NoiseSchedules.Names]);
        scheduleParameters = new Option<string?>("--schedule-params")
        {
            Description = "Schedule parameters as name=value pairs separated by commas, e.g. d=9,delta=1,sigmaMax=141.4 (unset ones keep their defaults; σ_min is --sigma-min's).",
        };
        inputSkip = new Option<bool>("--input-skip")
        {
            Description = "Add a learned, time-gated skip from the denoiser's input to its prediction (x̂0 = F + g(t)·input; distance and embedding spaces). --input-skip false turns it off.",
            DefaultValueFactory = _ => defaults.InputSkip,
        };
        dropout = DropoutOption();
        sharedPositions = SharedPositionsOption();
        copyHead = new Option<bool>("--copy-head")
        {
            Description = "Copy head: each target position attends over the encoded source and mixes the attended source embeddings into its prediction. Default: on for the distance and embedding spaces (the simplex space predicts logits and has none); --copy-head false turns it off (the paper's model).",
        };
        layout = new Option<string?>("--layout")
        {
            Description = $"Target layout: aligned (two target slots per source token, the target aligned to the source: the model says what each source token becomes; for near-copies) or free (the paper's layout: the target written from the first position). Default: measured on the training pairs before training — aligned when at least {Smoothie.Text.Fit.DataFitReport.Percent(Smoothie.Text.Fit.DataFitReport.AlignedLayoutMinimumShare)} of the target tokens are copies of source tokens and the model has the copy head, else free.",
        };
        layout.AcceptOnlyFromAmong("aligned", "free");
        (draft, draftShare, guardKeepShare) = DraftOptions();
        selfConditioning = new Option<bool>("--self-conditioning") { Description = "Train and sample with self-conditioning (a self-condition encoder on the previous x̂0)." };
        timeSampling = TimeSamplingOption();
        tokenLoss = TokenLossOption(defaults);
        distanceInput = new Option<string>("--distance-input")
        {
            Description = "What the distance space's denoiser sees: softmax (the paper's softmax(x_t)·E) or posterior (the posterior mean embedding under the forward process).",
            DefaultValueFactory = _ => defaults.DistanceInput,
        }.AcceptOnlyFromAmong("softmax", "posterior");
        vocabulary = new Option<string>("--vocabulary")
        {
            Description = "The latent vocabulary: corpus (only the tokens of the training targets, the default) or full (all 30,522 tokens).",
            DefaultValueFactory = _ => defaults.Vocabulary,
        }.AcceptOnlyFromAmong("corpus", "full");
        embeddings = EmbeddingsOption(defaults);
        checkpointMinutes = new Option<double>("--checkpoint-minutes")
        {
            Description = "Write a checkpoint at least every M minutes (besides every 250 steps), so a killed run loses at most that much work.",
            DefaultValueFactory = _ => defaults.CheckpointMinutes,
        };
        checkpointMinutes.Validators.Add(r =>
        {
            double v = r.GetValueOrDefault<double>();
            if (!(v > 0) || !double.IsFinite(v))
            {
                r.AddError($"--checkpoint-minutes must be a positive number of minutes; got {v}.");
            }
        });
        distanceSettings = new Option<string>("--distance-settings")
        {
            Description = $"σ_min, σ_max, d, δ of the distance space and its Arctan schedule: scaled (the CLI recipe's default; both of the paper's σ's × √({MiniLmEmbeddings.Dimension}/{DistanceSettings.PaperEmbeddingDimension}) for the MiniLM embeddings: {DistanceSettings.ScaledToDimension(MiniLmEmbeddings.Dimension)}) or paper ({DistanceSettings.Paper}). --sigma-min and --schedule-params set single values; pipeline.json records the result.",
            DefaultValueFactory = _ => defaults.DistanceSettings,
        }.AcceptOnlyFromAmong("paper", "scaled");
    }

    /// <summary><c>--time-sampling</c>: the training-time distribution of t.</summary>
    private static Option<string> TimeSamplingOption() => new Option<string>("--time-sampling")
    {
        Description = "Training-time distribution of t: uniform, or loss-weighted (importance sampling by the running per-t loss, with 1/p loss weights).",
        DefaultValueFactory = _ => "uniform",
    }.AcceptOnlyFromAmong("uniform", "loss-weighted");

    /// <summary><c>--token-loss</c>: the weight of the token cross-entropy (validated ≥ 0 and finite).</summary>
    private static Option<double> TokenLossOption(TrainSettings defaults)
    {
        var option = new Option<double>("--token-loss")
        {
            Description = "Weight λ of a token cross-entropy added to the embedding MSE (distance and embedding spaces): λ·(−log softmax of the prediction's negative squared distances to the embeddings, at width σ_min)[true token], which rewards predicting the right token where the MSE rewards the average of the plausible ones (docs/free-layout.md §5). Default 0: off, the paper's loss.",
            DefaultValueFactory = _ => defaults.TokenLoss,
        };
        option.Validators.Add(r =>
        {
            double v = r.GetValueOrDefault<double>();
            if (!(v >= 0) || !double.IsFinite(v))
            {
                r.AddError($"--token-loss must be a finite weight ≥ 0 (0 = off; e.g. 0.1); got {v}.");
            }
        });
        return option;
    }

    /// <summary><c>--dropout</c>: the model's dropout probability (validated in [0, 1)).</summary>
    private static Option<double?> DropoutOption()
    {
        var option = new Option<double?>("--dropout")
        {
            Description = "Dropout probability of the denoiser and the condition encoder (hidden states, the denoiser's input, the source) and of their attention probabilities, in [0, 1). Default: the preset's, 0.1. At CPU budgets of under an epoch nothing overfits; 0 trains more steps per minute (docs/results.md §13.5).",
        };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } v && !(v >= 0 && v < 1))
            {
                r.AddError($"--dropout must lie in [0, 1) (0 = off; the preset's is 0.1); got {v}.");
            }
        });
        return option;
    }

    /// <summary><c>--shared-positions</c>: one position table for target and source.</summary>
    private static Option<bool> SharedPositionsOption() => new("--shared-positions")
    {
        Description = "The condition encoder adds the denoiser's position table to the source (one table for target and source, as the authors' model has it), so cross-attention can align target and source positions from the start (docs/free-layout.md). Default: on with the free layout; --shared-positions false gives the condition encoder its own table.",
    };

    private static Option<string> EmbeddingsOption(TrainSettings defaults) => new Option<string>("--embeddings")
    {
        Description = "The vocabulary and token embeddings: minilm (MiniLM's uncased English WordPiece vocabulary with its pretrained 384-d embeddings, the default) or gpt2 (GPT-2's byte-level BPE, offline from Microsoft.ML.Tokenizers' data package: any language, accents and case kept, no [UNK]; with 128-d embeddings trained on the training pairs). Training prints whether the vocabulary fits the target language.",
        DefaultValueFactory = _ => defaults.Embeddings,
    }.AcceptOnlyFromAmong(TrainSettings.MiniLmEmbeddingsName, TrainSettings.Gpt2EmbeddingsName);

    /// <summary><c>--draft</c> and <c>--draft-share</c>: what the model is given as its source.</summary>
    private static (Option<string?> Draft, Option<double?> Share, Option<double?> KeepShare) DraftOptions()
    {
        var draft = new Option<string?>("--draft")
        {
            Description = "What the model is given as its source: lookup (the word lookup learned from the training pairs rewrites the source word for word, and the model edits that draft), lookup-context (the same lookup, each word rewritten by the surest of its own prediction and its predictions next to the word before and after it; default with the aligned layout) or none (the source itself; default with the free layout).",
        };
        draft.AcceptOnlyFromAmong("lookup", "lookup-context", "none");
        var draftShare = new Option<double?>("--draft-share")
        {
            Description = "With --draft lookup or lookup-context: rewrite only words whose lookup prediction has at least this share of their training occurrences, in [0, 1]; others are copied for the model to decide (0 rewrites every word the lookup knows). Default: 0.7 for near-copies, 0 for other targets such as a translation (smoothie fit measures which).",
        };
        draftShare.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } v && !(v >= 0 && v <= 1))
            {
                r.AddError($"--draft-share must lie in [0, 1]; got {v}.");
            }
        });
        var keepShare = new Option<double?>("--guard-keep-share")
        {
            Description = "With a draft: generation's guard keeps the source words the lookup would copy at this share, in [0, 1] (saved in pipeline.json as guardKeepShare; 'generate --guard-keep-share' overrides it). Default: the draft's share; a higher share also puts back words the draft rewrote.",
        };
        keepShare.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } v && !(v >= 0 && v <= 1))
            {
                r.AddError($"--guard-keep-share must lie in [0, 1]; got {v}.");
            }
        });
        return (draft, draftShare, keepShare);
    }

    /// <summary>Adds every option to a command.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { batch, learningRate, warmup, emaRate, sigmaMin, schedule, scheduleParameters, selfConditioning, inputSkip, dropout, sharedPositions, copyHead, layout, draft, draftShare, guardKeepShare, timeSampling, tokenLoss, distanceInput, vocabulary, embeddings, distanceSettings, checkpointMinutes })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings with the parsed values applied.</summary>
    public TrainSettings Apply(ParseResult parse, TrainSettings settings) => settings with
    {
        BatchSize = parse.GetValue(batch),
        LearningRate = parse.GetValue(learningRate),
        WarmupSteps = parse.GetValue(warmup),
        EmaRate = parse.GetValue(emaRate) ?? settings.EmaRate,
        SigmaMin = parse.GetValue(sigmaMin) ?? settings.SigmaMin,
        Schedule = parse.GetValue(schedule) ?? settings.Schedule,
        ScheduleParameters = ParseParameters(parse.GetValue(scheduleParameters)) ?? settings.ScheduleParameters,
        SelfConditioning = parse.GetValue(selfConditioning) || settings.SelfConditioning,
        InputSkip = parse.GetValue(inputSkip),
        Dropout = parse.GetValue(dropout) ?? settings.Dropout,
        SharedPositions = parse.GetResult(sharedPositions) is { Implicit: false } ? parse.GetValue(sharedPositions) : settings.SharedPositions,
        CopyHead = parse.GetResult(copyHead) is { Implicit: false } ? parse.GetValue(copyHead) : settings.CopyHead,
        Layout = parse.GetValue(layout) ?? settings.Layout,
        Draft = parse.GetValue(draft) ?? settings.Draft,
        DraftShare = parse.GetValue(draftShare) ?? settings.DraftShare,
        GuardKeepShare = parse.GetValue(guardKeepShare) ?? settings.GuardKeepShare,
        TimeSampling = parse.GetValue(timeSampling)!,
        TokenLoss = parse.GetValue(tokenLoss),
        DistanceInput = parse.GetValue(distanceInput)!,
        Vocabulary = parse.GetValue(vocabulary)!,
        Embeddings = parse.GetValue(embeddings)!,
        DistanceSettings = parse.GetValue(distanceSettings)!,
        CheckpointMinutes = parse.GetValue(checkpointMinutes),
    };

    /// <summary>Parses <c>name=value,name=value</c>; null for null or empty input.</summary>
    public static IReadOnlyDictionary<string, double>? ParseParameters(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !double.TryParse(pair[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new ArgumentException($"--schedule-params: '{pair}' is not name=value with a number (e.g. d=9,delta=1,sigmaMax=141.4).");
            }

            result[pair[..equals].Trim()] = value;
        }

        return result;
    }
}
