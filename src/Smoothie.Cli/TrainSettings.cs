using Smoothie.Diffusion.Configuration;

namespace Smoothie.Cli;

/// <summary>What a training run needs, gathered from the command line (shared by train, quickstart and ablate).</summary>
internal sealed record TrainSettings
{
    /// <summary>The README main job's recipe, sized for a few minutes on 2 CPU cores (also the default of ablate).</summary>
    public static TrainSettings Quickstart { get; } = new()
    {
        BatchSize = 32,
        LearningRate = 2e-3,
        WarmupSteps = 50,
        SourceLength = 40,
        TargetLength = 40,
    };

    public string? DataFile { get; init; }

    public string? ValidFile { get; init; }

    public string SourceColumn { get; init; } = "kjv";

    public string TargetColumn { get; init; } = "web";

    public LatentSpaceKind Latent { get; init; } = LatentSpaceKind.Distance;

    public string Preset { get; init; } = "tiny";

    public long? MaxSteps { get; init; }

    public double? MaxMinutes { get; init; }

    /// <summary>Write a checkpoint at least this often (minutes of wall-clock time), besides every 250 steps.</summary>
    public double CheckpointMinutes { get; init; } = DefaultCheckpointMinutes;

    /// <summary>The default of <see cref="CheckpointMinutes"/>: a killed run loses at most this much work.</summary>
    public const double DefaultCheckpointMinutes = 5;

    public string Output { get; init; } = "runs/smoothie";

    public int Seed { get; init; } = 1;

    public DeviceKind Device { get; init; } = DeviceKind.Auto;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 1e-3;

    public int WarmupSteps { get; init; } = 200;

    public int SourceLength { get; init; } = 48;

    public int TargetLength { get; init; } = 48;

    public int? MaxTrainRows { get; init; }

    /// <summary>Default sampling steps saved with the pipeline; null = the recipe's (10 with the aligned layout, 50 otherwise).</summary>
    public int? SamplingSteps { get; init; }

    /// <summary>The sampling defaults saved with the pipeline: steps, clamping and δ (aligned layout: 10 steps, clamped, δ = <see cref="AlignedSamplingDelta"/>; free layout: 50 steps, the paper's sampler).</summary>
    public (int Steps, bool Clamp, double? Delta) SamplingDefaults(LatentSpaceKind latent) => UsesAlignedLayout(latent)
        ? (SamplingSteps ?? 10, true, AlignedSamplingDelta)
        : (SamplingSteps ?? 50, false, null);

    /// <summary>The δ aligned-layout pipelines sample with by default (chosen on the validation split, docs/results.md §10).</summary>
    public const double AlignedSamplingDelta = 0.5;

    public string Initialization { get; init; } = "scratch";

    public bool FreezeConditionEncoder { get; init; }

    public double? EmaRate { get; init; }

    public double? SigmaMin { get; init; }

    public string? Schedule { get; init; }

    public IReadOnlyDictionary<string, double>? ScheduleParameters { get; init; }

    public bool SelfConditioning { get; init; }

    /// <summary>Whether the denoiser adds its input back to the prediction, gated by time (<c>DenoiserConfig.InputSkip</c>).</summary>
    public bool InputSkip { get; init; }

    /// <summary>
    /// The dropout probability of the denoiser and the condition encoder (<c>DenoiserConfig.Dropout</c>: hidden states,
    /// input, source) and of their attention probabilities (<c>DenoiserConfig.AttentionDropout</c>), in [0, 1); null (the
    /// default) keeps the preset's (0.1).
    /// </summary>
    public double? Dropout { get; init; }

    /// <summary>
    /// Whether the condition encoder reads the denoiser's position table (<c>DenoiserConfig.SharedSourcePositions</c>);
    /// null (the default) = on with the free layout (docs/free-layout.md), off with the aligned layout.
    /// </summary>
    public bool? SharedPositions { get; init; }

    /// <summary>Whether a model for <paramref name="latent"/> shares its position table with the source under these settings.</summary>
    /// <param name="latent">The latent space.</param>
    public bool UsesSharedPositions(LatentSpaceKind latent) => SharedPositions ?? !UsesAlignedLayout(latent);

    /// <summary>
    /// Whether the denoiser has a copy head over the source (<c>DenoiserConfig.CopyHead</c>); null (the default) = on
    /// for the embedding-predicting spaces (distance, embedding), off for the simplex space.
    /// </summary>
    public bool? CopyHead { get; init; }

    /// <summary>Whether a model for <paramref name="latent"/> gets the copy head under these settings.</summary>
    /// <param name="latent">The latent space.</param>
    public bool UsesCopyHead(LatentSpaceKind latent) => CopyHead ?? latent != LatentSpaceKind.Simplex;

    /// <summary>
    /// The target layout (<c>--layout</c>): "aligned" (two slots per source token, <c>SmoothieBuilder.UseSourceAlignedLayout</c>)
    /// or "free" (the paper's); null (the default) = the layout the data selects (<see cref="MeasuredLayout"/>) when the
    /// model has the copy head, else free.
    /// </summary>
    public string? Layout { get; init; }

    /// <summary>
    /// The layout the training data selects (<see cref="RecipeFit"/>: aligned for near-copies of the sources, and for other
    /// targets when the model edits the lookup's draft; free when such a target has no draft), or null before it is
    /// measured (then aligned, as before issue 28).
    /// </summary>
    public string? MeasuredLayout { get; init; }

    /// <summary>
    /// The draft share the training data selects (<see cref="RecipeFit"/>): 0 when the targets are not near-copies of the
    /// sources (a translation: the lookup rewrites every word it knows and the model edits that draft; docs/results.md
    /// §13), else null (<see cref="DefaultDraftShare"/>).
    /// </summary>
    public double? MeasuredDraftShare { get; init; }

    /// <summary>Whether the target is laid out against the source.</summary>
    /// <param name="latent">The latent space.</param>
    public bool UsesAlignedLayout(LatentSpaceKind latent) => (Layout ?? (UsesCopyHead(latent) ? MeasuredLayout ?? "aligned" : "free")) == "aligned";

    /// <summary>
    /// The vocabulary and token embeddings (<c>--embeddings</c>): "minilm" (MiniLM's uncased English WordPiece vocabulary
    /// and pretrained embeddings, the default) or "gpt2" (GPT-2's byte-level BPE, any language, with embeddings trained on
    /// the training pairs: <c>SmoothieBuilder.UseGpt2Vocabulary</c>).
    /// </summary>
    public string Embeddings { get; init; } = MiniLmEmbeddingsName;

    /// <summary>The <see cref="Embeddings"/> value of the MiniLM vocabulary and embeddings.</summary>
    public const string MiniLmEmbeddingsName = "minilm";

    /// <summary>The <see cref="Embeddings"/> value of GPT-2's byte-level BPE with embeddings trained on the corpus.</summary>
    public const string Gpt2EmbeddingsName = "gpt2";

    /// <summary>The width of the token embeddings <see cref="Embeddings"/> names (the distance settings are scaled to it).</summary>
    public int EmbeddingDimension => Embeddings == Gpt2EmbeddingsName ? new Smoothie.Embeddings.Readers.CorpusEmbeddingOptions().Dimension : Smoothie.Embeddings.MiniLM.MiniLmEmbeddings.Dimension;

    /// <summary>
    /// What the model is given as its source (<c>--draft</c>): "lookup" (the learned word lookup's draft, which the model
    /// edits; <c>SourceDraftKind.WordLookup</c>), "lookup-context" (its predictions in context too;
    /// <c>SourceDraftKind.WordLookupInContext</c>) or "none" (the source itself). Null (the default): lookup-context with
    /// the aligned layout (chosen on the validation split, docs/results.md §12), none with the free layout.
    /// </summary>
    public string? Draft { get; init; }

    /// <summary>
    /// The draft rewrites only words whose lookup prediction has at least this share (<c>--draft-share</c>); null (the
    /// default): the share the data selects (<see cref="MeasuredDraftShare"/>), else <see cref="DefaultDraftShare"/>.
    /// </summary>
    public double? DraftShare { get; init; }

    /// <summary>The draft share of near-copy data, 0.7: chosen on the validation split with the in-context draft (docs/results.md §12).</summary>
    public const double DefaultDraftShare = 0.7;

    /// <summary>The draft share a run uses: <see cref="DraftShare"/>, else <see cref="MeasuredDraftShare"/>, else <see cref="DefaultDraftShare"/>.</summary>
    public double UsesDraftShare => DraftShare ?? MeasuredDraftShare ?? DefaultDraftShare;

    /// <summary>
    /// With a draft: the share at which generation's guard keeps the source words the lookup copies
    /// (<c>--guard-keep-share</c>, saved as <c>PipelineConfiguration.GuardKeepShare</c>). Null (the default) keeps at
    /// <see cref="UsesDraftShare"/>: a higher share than the draft's puts back source words the draft rewrote ("feared LORD"
    /// where the draft wrote "Yahweh"; docs/results.md §12.7).
    /// </summary>
    public double? GuardKeepShare { get; init; }

    /// <summary>The source draft a run uses (<see cref="Draft"/>, else the default for its layout).</summary>
    public SourceDraftKind UsesDraft(LatentSpaceKind latent) => (Draft ?? (UsesAlignedLayout(latent) ? "lookup-context" : "none")) switch
    {
        "lookup" => SourceDraftKind.WordLookup,
        "lookup-context" => SourceDraftKind.WordLookupInContext,
        _ => SourceDraftKind.None,
    };

    public string TimeSampling { get; init; } = "uniform";

    /// <summary>Weight λ of the token cross-entropy added to the embedding MSE (<c>--token-loss</c>; 0 = off, the paper's loss).</summary>
    public double TokenLoss { get; init; }

    public string Solver { get; init; } = Smoothie.Sampling.Solvers.ReverseSteps.Renoise;

    public string DistanceInput { get; init; } = "softmax";

    /// <summary>"corpus" restricts the latent space to the tokens of the training targets; "full" keeps the whole vocabulary.</summary>
    public string Vocabulary { get; init; } = "corpus";

    /// <summary>The named distance-space settings: "scaled" (to the 384-d MiniLM embeddings, the default: docs/results.md §5–6) or "paper".</summary>
    public string DistanceSettings { get; init; } = "scaled";
}
