using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Embeddings;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Text;
using Smoothie.Models.Configuration;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion;

/// <summary>
/// Fluent construction of a <see cref="SmoothiePipeline"/>, reading like the paper:
/// <code>
/// using SmoothiePipeline pipeline = SmoothieBuilder.Create()
///     .UseMiniLmEmbeddings()
///     .UseDistanceSpace(sigmaMin: 1.06)
///     .UseArctanSchedule(d: 9, delta: 1.0, sigmaMax: 141.4)
///     .UseModel(ModelPreset.Tiny)
///     .UseSubVocabularyOf(trainingTargets)
///     .UseDevice(DeviceKind.Auto)
///     .Build();
/// </code>
/// Swapping the latent space or the schedule for an ablation is a one-line change. <see cref="Build"/> rejects invalid
/// combinations with one message listing every problem and what to change.
/// </summary>
public sealed class SmoothieBuilder
{
    private PipelineConfiguration configuration = new();
    private IEmbeddingProvider embeddings = MiniLmEmbeddingProvider.Instance;
    private IReadOnlyList<string>? subVocabularyTexts;
    private DeviceKind device = DeviceKind.Auto;
    private int seed = 1;
    private readonly ScheduleChoice schedule = new();
    private double? sigmaMin;
    private double? simplexK;
    private int? alignedSlots;

    private SmoothieBuilder()
    {
    }

    /// <summary>Starts a builder with the defaults: MiniLM embeddings, distance space, Arctan schedule, Tiny model.</summary>
    public static SmoothieBuilder Create() => new();

    /// <summary>Uses the built-in all-MiniLM-L6-v2 embeddings and uncased WordPiece vocabulary (offline).</summary>
    public SmoothieBuilder UseMiniLmEmbeddings()
    {
        embeddings = MiniLmEmbeddingProvider.Instance;
        return this;
    }

    /// <summary>Uses your own embeddings with the codec they are aligned to.</summary>
    /// <param name="codec">The tokenizer.</param>
    /// <param name="tokenEmbeddings">One row per codec id.</param>
    public SmoothieBuilder UseEmbeddings(ITextCodec codec, TokenEmbeddings tokenEmbeddings)
    {
        embeddings = new CustomEmbeddingProvider(codec, tokenEmbeddings);
        return this;
    }

    /// <summary>How the embeddings are normalised into E (default total, the paper's; none for an already normalised matrix).</summary>
    /// <param name="normalization">The normalisation.</param>
    public SmoothieBuilder UseEmbeddingNormalization(EmbeddingNormalization normalization)
    {
        configuration = configuration with { EmbeddingNormalization = normalization };
        return this;
    }

    /// <summary>
    /// Smoothie's distance space (the paper's method). Unless a schedule is chosen explicitly, the pipeline uses the
    /// Arctan schedule with the paper's d, δ and σ_max (<see cref="ArctanParameters.Paper"/>) and this σ_min.
    /// </summary>
    /// <param name="sigmaMin">
    /// σ_min, the width of the clean latent, recorded in the Arctan schedule's parameters (the space reads it from there);
    /// null for the schedule's own (the paper's, <see cref="ArctanParameters.Paper"/>, unless a schedule gives one).
    /// </param>
    /// <param name="input">What the denoiser sees: the paper's softmax(x_t)·E, or the posterior mean embedding (see <see cref="DistanceInputMode"/>).</param>
    public SmoothieBuilder UseDistanceSpace(double? sigmaMin = null, DistanceInputMode input = DistanceInputMode.SoftmaxMix)
    {
        configuration = configuration with { Latent = LatentSpaceKind.Distance, DistanceInput = input == DistanceInputMode.Posterior ? "posterior" : "softmax" };
        this.sigmaMin = sigmaMin;
        return WithDefaultSchedule(ArctanParameters.Paper);
    }

    /// <summary>
    /// Smoothie's distance space with a named geometry (<see cref="DistanceSettings.Paper"/> or
    /// <see cref="DistanceSettings.ScaledToDimension"/>): sets σ_min and chooses the Arctan schedule (d, δ, σ_max) together,
    /// so no other schedule call may follow.
    /// </summary>
    /// <param name="settings">σ_min, σ_max, d and δ.</param>
    /// <param name="input">What the denoiser sees (see <see cref="DistanceInputMode"/>).</param>
    /// <exception cref="InvalidOperationException">A schedule was already chosen.</exception>
    public SmoothieBuilder UseDistanceSpace(DistanceSettings settings, DistanceInputMode input = DistanceInputMode.SoftmaxMix)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ChooseSchedule(settings.ToArctanParameters(), "UseDistanceSpace(DistanceSettings)");
        return UseDistanceSpace(sigmaMin: null, input);
    }

    /// <summary>Gaussian diffusion on embeddings (baseline; pairs with the CosineSD schedule unless a schedule is chosen).</summary>
    public SmoothieBuilder UseEmbeddingSpace()
    {
        configuration = configuration with { Latent = LatentSpaceKind.Embedding };
        return WithDefaultSchedule(CosineSdParameters.Default);
    }

    /// <summary>TESS simplex diffusion (baseline; pairs with the Tess schedule, which shares its k, unless a schedule is chosen).</summary>
    /// <param name="k">The simplex scale k; null for the default (<see cref="TessParameters.Default"/>).</param>
    public SmoothieBuilder UseSimplexSpace(double? k = null)
    {
        configuration = configuration with { Latent = LatentSpaceKind.Simplex };
        simplexK = k;
        return WithDefaultSchedule(TessParameters.Default);
    }

    /// <summary>The latent space by kind with its paper defaults.</summary>
    /// <param name="kind">The space.</param>
    public SmoothieBuilder UseLatentSpace(LatentSpaceKind kind) => kind switch
    {
        LatentSpaceKind.Distance => UseDistanceSpace(),
        LatentSpaceKind.Embedding => UseEmbeddingSpace(),
        LatentSpaceKind.Simplex => UseSimplexSpace(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected Distance, Embedding or Simplex."),
    };

    /// <summary>Smoothie's Arctan schedule; σ_min comes from the distance space. Unset values are the paper's (<see cref="ArctanParameters.Paper"/>).</summary>
    /// <param name="d">Shape parameter d; null for the paper's.</param>
    /// <param name="delta">Noise scale δ; null for the paper's.</param>
    /// <param name="sigmaMax">σ_max; null for the paper's.</param>
    /// <exception cref="InvalidOperationException">A schedule was already chosen.</exception>
    public SmoothieBuilder UseArctanSchedule(double? d = null, double? delta = null, double? sigmaMax = null)
    {
        ArctanParameters paper = ArctanParameters.Paper;
        var parameters = new ArctanParameters { D = d ?? paper.D, Delta = delta ?? paper.Delta, SigmaMax = sigmaMax ?? paper.SigmaMax };
        return ChooseSchedule(parameters, nameof(UseArctanSchedule), withoutShared: true);
    }

    /// <summary>The CosineSD schedule of embedding diffusion.</summary>
    /// <param name="d">Shape parameter d; null for the default (<see cref="CosineSdParameters.Default"/>).</param>
    /// <exception cref="InvalidOperationException">A schedule was already chosen.</exception>
    public SmoothieBuilder UseCosineSdSchedule(double? d = null) =>
        ChooseSchedule(new CosineSdParameters { D = d ?? CosineSdParameters.Default.D }, nameof(UseCosineSdSchedule));

    /// <summary>The Sqrt schedule.</summary>
    /// <exception cref="InvalidOperationException">A schedule was already chosen.</exception>
    public SmoothieBuilder UseSqrtSchedule() => ChooseSchedule(SqrtParameters.Default, nameof(UseSqrtSchedule));

    /// <summary>The VP cosine schedule.</summary>
    /// <param name="beta0">β0; null for the default (<see cref="CosineParameters.Default"/>).</param>
    /// <param name="beta1">β1; null for the default.</param>
    /// <exception cref="InvalidOperationException">A schedule was already chosen.</exception>
    public SmoothieBuilder UseCosineSchedule(double? beta0 = null, double? beta1 = null)
    {
        CosineParameters defaults = CosineParameters.Default;
        return ChooseSchedule(new CosineParameters { Beta0 = beta0 ?? defaults.Beta0, Beta1 = beta1 ?? defaults.Beta1 }, nameof(UseCosineSchedule));
    }

    /// <summary>The TESS schedule; k comes from the simplex space.</summary>
    /// <exception cref="InvalidOperationException">A schedule was already chosen.</exception>
    public SmoothieBuilder UseTessSchedule() => ChooseSchedule(TessParameters.Default, nameof(UseTessSchedule), withoutShared: true);

    /// <summary>
    /// A schedule with typed parameters. σ_min of <see cref="ArctanParameters"/> and k of <see cref="TessParameters"/> are
    /// the latent space's: <see cref="Build"/> rejects values that differ from the space's.
    /// </summary>
    /// <param name="parameters">The schedule and its parameters.</param>
    /// <exception cref="InvalidOperationException">A schedule was already chosen.</exception>
    public SmoothieBuilder UseSchedule(NoiseScheduleParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return ChooseSchedule(parameters, "UseSchedule");
    }

    /// <summary>Any schedule by name with parameters (missing ones take their defaults; checked by <see cref="Build"/>).</summary>
    /// <param name="name">arctan, cosine-sd, sqrt, cosine or tess.</param>
    /// <param name="parameters">Its parameters (σ_min and k are the latent space's: a different value is rejected).</param>
    /// <exception cref="InvalidOperationException">A schedule was already chosen.</exception>
    public SmoothieBuilder UseSchedule(string name, Dictionary<string, double> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(parameters);
        return ChooseSchedule(name.Trim().ToLowerInvariant(), new Dictionary<string, double>(parameters), "UseSchedule");
    }

    private SmoothieBuilder ChooseSchedule(NoiseScheduleParameters parameters, string by, bool withoutShared = false)
    {
        schedule.Choose(parameters, by, withoutShared);
        return this;
    }

    private SmoothieBuilder ChooseSchedule(string name, Dictionary<string, double> values, string by)
    {
        schedule.Choose(name, values, by);
        return this;
    }

    /// <summary>The latent space's own schedule, unless one was chosen explicitly.</summary>
    private SmoothieBuilder WithDefaultSchedule(NoiseScheduleParameters parameters)
    {
        schedule.Propose(parameters);
        return this;
    }

    /// <summary>The denoiser configuration (a preset, optionally modified with a with-expression).</summary>
    /// <param name="model">E.g. <see cref="ModelPreset.Tiny"/>.</param>
    public SmoothieBuilder UseModel(DenoiserConfig model)
    {
        configuration = configuration with { Model = model ?? throw new ArgumentNullException(nameof(model)) };
        return this;
    }

    /// <summary>A model preset by name: paper, small, small-pretrained or tiny.</summary>
    /// <param name="preset">The preset's name.</param>
    public SmoothieBuilder UseModel(string preset) => UseModel(ModelPresets.ByName(preset));

    /// <summary>
    /// Starts from pretrained all-MiniLM-L6-v2 weights (offline): the condition encoder, and with
    /// <paramref name="denoiserBlocks"/> also each denoiser block's self-attention and feed-forward. Needs a MiniLM-shaped
    /// model such as <see cref="ModelPreset.SmallPretrained"/> and the MiniLM embeddings.
    /// </summary>
    /// <param name="denoiserBlocks">Also initialise the denoiser blocks (cross-attention and time layers stay fresh).</param>
    /// <param name="freezeConditionEncoder">Keep the pretrained condition encoder frozen (faster steps, fewer trainable weights).</param>
    public SmoothieBuilder UseMiniLmInitialization(bool denoiserBlocks = true, bool freezeConditionEncoder = false)
    {
        configuration = configuration with { Initialization = denoiserBlocks ? "minilm" : "minilm-condition", FreezeConditionEncoder = freezeConditionEncoder };
        return this;
    }

    /// <summary>Starts from random weights (the default).</summary>
    public SmoothieBuilder UseScratchInitialization()
    {
        configuration = configuration with { Initialization = "scratch", FreezeConditionEncoder = false };
        return this;
    }

    /// <summary>Fixed source and target lengths in tokens (including [CLS] and [SEP]).</summary>
    /// <param name="source">Source length.</param>
    /// <param name="target">Target length.</param>
    public SmoothieBuilder UseLengths(int source, int target)
    {
        configuration = configuration with { SourceLength = source, TargetLength = target };
        return this;
    }

    /// <summary>
    /// Lays the target out against the source (<see cref="Smoothie.Text.Layout.SourceAlignedLayout"/>): each source
    /// position gets <paramref name="slotsPerSourceToken"/> target slots, the model sees the aligned source at every slot
    /// and copies it unless it learns to write something else. For near-copy tasks (modernisation, simplification,
    /// correction); the target length becomes slots × source length. Needs a conditional model; use it with the copy head
    /// (<see cref="DenoiserConfig.CopyHead"/>).
    /// </summary>
    /// <param name="slotsPerSourceToken">Target slots per source position (default 2: the token and one insertion).</param>
    public SmoothieBuilder UseSourceAlignedLayout(int slotsPerSourceToken = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotsPerSourceToken, 1);
        alignedSlots = slotsPerSourceToken;
        return this;
    }

    /// <summary>
    /// What the model is given as its source (<see cref="PipelineConfiguration.SourceDraft"/>):
    /// <see cref="SourceDraftKind.WordLookup"/> trains and generates on the learned word lookup's draft of each source, so
    /// the denoiser edits a word-for-word rewrite instead of the source (near-copy tasks; the lookup is learned from the
    /// training pairs when training starts); <see cref="SourceDraftKind.WordLookupInContext"/> drafts with the lookup's
    /// predictions in context too. Default <see cref="SourceDraftKind.None"/>.
    /// </summary>
    /// <param name="draft">The draft.</param>
    /// <param name="minimumShare">
    /// The draft rewrites only words whose lookup prediction has at least this share of their training occurrences
    /// (<see cref="PipelineConfiguration.SourceDraftShare"/>); 0 rewrites every word the lookup knows.
    /// </param>
    public SmoothieBuilder UseSourceDraft(SourceDraftKind draft, double minimumShare = 0)
    {
        if (!Enum.IsDefined(draft))
        {
            throw new ArgumentOutOfRangeException(nameof(draft), draft, "Expected SourceDraftKind.None, WordLookup or WordLookupInContext.");
        }

        if (!(minimumShare >= 0 && minimumShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumShare), minimumShare, "The draft's minimum share of a word's occurrences aligned to its prediction must lie in [0, 1].");
        }

        configuration = configuration with { SourceDraft = draft, SourceDraftShare = minimumShare };
        return this;
    }

    /// <summary>
    /// The share at which the decode-time guard keeps the source words the draft's lookup copies
    /// (<see cref="PipelineConfiguration.GuardKeepShare"/>, saved with the pipeline); null keeps at the draft's own share.
    /// Needs a draft (<see cref="UseSourceDraft"/>); checked when the pipeline is built.
    /// </summary>
    /// <param name="share">The share, in [0, 1], or null.</param>
    public SmoothieBuilder UseGuardKeepShare(double? share)
    {
        if (share is { } value && !(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The guard's keep share must lie in [0, 1] (or be null to keep at the draft's share).");
        }

        configuration = configuration with { GuardKeepShare = share };
        return this;
    }

    /// <summary>Default sampling steps, solver, clamping and δ (each <c>GenerationOptions</c> value overrides them).</summary>
    /// <param name="steps">N; null for the paper's (<see cref="Sampling.Solvers.TimeGrid.DefaultSteps"/>).</param>
    /// <param name="solver">renoise, ddpm, ddim or sde.</param>
    /// <param name="clamp">Clamp each prediction to its nearest token embedding (default false, the paper's sampler).</param>
    /// <param name="delta">The δ to sample with, or null for the schedule's (training) δ.</param>
    public SmoothieBuilder UseSampling(int? steps = null, string solver = Sampling.Solvers.ReverseSteps.Renoise, bool clamp = false, double? delta = null)
    {
        configuration = configuration with { SamplingSteps = steps ?? Sampling.Solvers.TimeGrid.DefaultSteps, Solver = solver, ClampToNearestToken = clamp, SamplingDelta = delta };
        return this;
    }

    /// <summary>Restricts the latent vocabulary to the tokens of these texts plus special tokens (V shrinks, every O(V) cost with it).</summary>
    /// <param name="targets">Training targets.</param>
    public SmoothieBuilder UseSubVocabularyOf(IEnumerable<string> targets)
    {
        subVocabularyTexts = (targets ?? throw new ArgumentNullException(nameof(targets))).ToList();
        return this;
    }

    /// <summary>Where to run.</summary>
    /// <param name="kind">Auto, Cpu or Cuda.</param>
    public SmoothieBuilder UseDevice(DeviceKind kind)
    {
        device = kind;
        return this;
    }

    /// <summary>The seed of the model's initial weights.</summary>
    /// <param name="value">The seed.</param>
    public SmoothieBuilder UseSeed(int value)
    {
        seed = value;
        return this;
    }

    /// <summary>The configuration as it stands (before fitting to the embeddings).</summary>
    public PipelineConfiguration Configuration => schedule.Apply(configuration, sigmaMin, simplexK, problems: null);

    /// <summary>Validates the combination and builds the pipeline.</summary>
    /// <exception cref="ArgumentException">The combination is invalid; the message lists every problem and what to change.</exception>
    public SmoothiePipeline Build()
    {
        if (alignedSlots is { } slots)
        {
            configuration = configuration with { Model = configuration.Model with { AlignedSlotsPerSourceToken = slots } };
        }

        var problems = new List<string>();
        configuration = schedule.Apply(configuration, sigmaMin, simplexK, problems);
        problems.AddRange(CombinationProblems());
        if (problems.Count > 0)
        {
            throw new ArgumentException("The Smoothie configuration cannot be built:\n - " + string.Join("\n - ", problems));
        }

        IReadOnlyList<int>? subIds = null;
        if (subVocabularyTexts is not null)
        {
            ITextCodec codec = embeddings.CreateCodec();
            var required = new List<int> { codec.PadId, codec.EndId };
            if (codec.StartId is { } start)
            {
                required.Add(start);
            }

            if (codec.UnknownId is { } unknown)
            {
                required.Add(unknown);
            }

            IEnumerable<int[]> targets = subVocabularyTexts.Select(t => codec.Tokenize(t).ToArray());
            subIds = SubVocabulary.FromTargets(targets, required, codec.VocabularySize).OriginalIds;
        }

        return PipelineFactory.Create(configuration, embeddings, subIds, device, seed);
    }

    private List<string> CombinationProblems()
    {
        var problems = new List<string>();
        LatentSpaceKind latent = configuration.Latent;
        if (latent != LatentSpaceKind.Distance && configuration.ScheduleParameters is ArctanParameters)
        {
            problems.Add($"the Arctan schedule smooths distance latents; with the {LatentSpaceKinds.NameOf(latent)} space use {(latent == LatentSpaceKind.Embedding ? "UseCosineSdSchedule()" : "UseTessSchedule()")} (or call UseDistanceSpace()).");
        }

        var fitted = PipelineFactory.Fit(configuration, configuration.Model.EffectiveEmbeddingSize, 1);
        problems.AddRange(fitted.Problems().Where(p => !p.StartsWith("the simplex", StringComparison.Ordinal)));
        return problems;
    }
}
