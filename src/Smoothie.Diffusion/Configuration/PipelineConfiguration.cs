using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Smoothie.Embeddings;
using Smoothie.Models.Configuration;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// Everything needed to rebuild a pipeline, saved as <c>pipeline.json</c> in a pipeline folder (versioned by
/// <see cref="FormatVersion"/>). Validate with <see cref="Validate"/>.
/// </summary>
public sealed partial record PipelineConfiguration
{
    /// <summary>
    /// The folder format version written: 2, the typed format (the schedule one object). Files of version 1 (the first
    /// format) are read too, mapped onto it (<see cref="FromJson"/>); a newer version is an error.
    /// </summary>
    public const int CurrentFormatVersion = PipelineFormatVersions.Current;

    /// <summary>JSON options used for pipeline files.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower), new ScheduleParametersJsonConverter() },
    };

    /// <summary>The folder format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Where the vocabulary and embeddings come from: <c>minilm</c> or <c>custom</c> (files in the folder).</summary>
    public string EmbeddingSource { get; init; } = "minilm";

    /// <summary>The embedding identity (hash of vocabulary and values) the model was trained with.</summary>
    public string EmbeddingIdentity { get; init; } = string.Empty;

    /// <summary>
    /// The tokenizer of custom embeddings: null (not written to <c>pipeline.json</c>) for a WordPiece vocabulary, read from
    /// the folder's <c>vocab.txt</c>; <see cref="Gpt2Tokenizer"/> for GPT-2's byte-level BPE (<c>Smoothie.Text.Gpt2TextCodec</c>,
    /// from Microsoft.ML.Tokenizers' data package: any language, no <c>[UNK]</c>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tokenizer { get; init; }

    /// <summary>The <see cref="Tokenizer"/> value of GPT-2's byte-level BPE.</summary>
    public const string Gpt2Tokenizer = "gpt2";

    /// <summary>Whether the WordPiece codec lowercases.</summary>
    public bool LowerCase { get; init; } = true;

    /// <summary>
    /// Whether sequences are framed by <c>[CLS]</c> … <c>[SEP]</c> (default). Models imported from the authors' trainer
    /// were trained on bare content padded with <c>[PAD]</c> (their <c>add_special_tokens=False</c>), so theirs say false.
    /// Only custom (WordPiece) embeddings can turn it off.
    /// </summary>
    public bool SpecialTokens { get; init; } = true;

    /// <summary>
    /// How the token embeddings are normalised into E when the pipeline is built (default <see cref="EmbeddingNormalization.Total"/>,
    /// the paper's). <see cref="EmbeddingNormalization.None"/> takes the matrix as it is, e.g. the already normalised
    /// <c>encoder.embeddings</c> of the authors' trainer checkpoint.
    /// </summary>
    public EmbeddingNormalization EmbeddingNormalization { get; init; } = EmbeddingNormalization.Total;

    /// <summary>The latent space.</summary>
    public LatentSpaceKind Latent { get; init; } = LatentSpaceKind.Distance;

    /// <summary>
    /// How the distance space feeds x_t to the denoiser: <c>softmax</c> (the paper's softmax(x_t)·E) or <c>posterior</c>
    /// (the posterior mean embedding under the forward process; see <c>DistanceInputMode.Posterior</c>).
    /// </summary>
    public string DistanceInput { get; init; } = "softmax";

    /// <summary>
    /// The noise schedule: its typed parameter record, every parameter in it (default <see cref="ArctanParameters.Paper"/>).
    /// <c>pipeline.json</c> writes it as one object, its name (<see cref="NoiseSchedules.Names"/>) and every parameter, e.g. for
    /// the Arctan schedule <c>"schedule": {"name": …, "d": 9, "delta": 1, "sigmaMin": 1.06, "sigmaMax": 141.4}</c>.
    /// The Arctan record's σ_min is the distance space's (<see cref="SigmaMin"/>) and the Tess record's k the simplex
    /// space's (<see cref="SimplexK"/>): each is recorded here, once.
    /// </summary>
    [JsonPropertyName("schedule")]
    public NoiseScheduleParameters ScheduleParameters { get; init; } = ArctanParameters.Paper;

    /// <summary>The noise schedule's name (<see cref="NoiseSchedules.Names"/>), that of <see cref="ScheduleParameters"/>.</summary>
    [JsonIgnore]
    public string Schedule => ScheduleParameters?.ScheduleName ?? string.Empty;

    /// <summary>
    /// σ_min of a distance space whose schedule has none (any but Arctan), or null: the paper's
    /// (<see cref="ArctanParameters.Paper"/>'s). With the Arctan schedule σ_min is the schedule's and this stays null.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SpaceSigmaMin { get; init; }

    /// <summary>
    /// k of a simplex space whose schedule has none (any but Tess), or null: the default (<see cref="TessParameters.Default"/>'s).
    /// With the Tess schedule k is the schedule's and this stays null.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? SpaceK { get; init; }

    /// <summary>σ_min of the distance space: the Arctan schedule's, else <see cref="SpaceSigmaMin"/>, else the paper's.</summary>
    [JsonIgnore]
    public double SigmaMin => ScheduleParameters is ArctanParameters arctan ? arctan.SigmaMin : SpaceSigmaMin ?? ArctanParameters.Paper.SigmaMin;

    /// <summary>k of the simplex space: the Tess schedule's, else <see cref="SpaceK"/>, else the default (5).</summary>
    [JsonIgnore]
    public double SimplexK => ScheduleParameters is TessParameters tess ? tess.K : SpaceK ?? TessParameters.Default.K;

    /// <summary>The denoiser configuration.</summary>
    public DenoiserConfig Model { get; init; } = ModelPreset.Tiny;

    /// <summary>The fixed source length (tokens, including [CLS]/[SEP]).</summary>
    public int SourceLength { get; init; } = 64;

    /// <summary>The fixed target length (tokens, including [CLS]/[SEP]).</summary>
    public int TargetLength { get; init; } = 48;

    /// <summary>Default number of sampling steps (default: the paper's, <see cref="Sampling.Solvers.TimeGrid.DefaultSteps"/>).</summary>
    public int SamplingSteps { get; init; } = Sampling.Solvers.TimeGrid.DefaultSteps;

    /// <summary>Default solver (<c>renoise</c>, <c>ddpm</c>, <c>ddim</c>, <c>sde</c>).</summary>
    public string Solver { get; init; } = Sampling.Solvers.ReverseSteps.Renoise;

    /// <summary>
    /// Whether generation clamps each step's prediction to its nearest token embedding by default (Diffusion-LM's
    /// clamping; <c>GenerationOptions.ClampToNearestToken</c> overrides it). Default false (the paper's sampler).
    /// </summary>
    public bool ClampToNearestToken { get; init; }

    /// <summary>
    /// The δ generation uses by default (the stochasticity of the Arctan schedule's noise: lower is more fluent, higher
    /// more diverse; <c>GenerationOptions.Delta</c> overrides it), or null for the schedule's own δ (the training value).
    /// </summary>
    public double? SamplingDelta { get; init; }

    /// <summary>
    /// How the model's weights start: <c>scratch</c>, <c>minilm-condition</c> (condition encoder from all-MiniLM-L6-v2)
    /// or <c>minilm</c> (condition encoder and the denoiser blocks' self-attention and feed-forward from MiniLM).
    /// MiniLM initialisation needs a MiniLM-shaped model (h = 384, 12 heads, FFN 1536), e.g. the small-pretrained preset.
    /// </summary>
    public string Initialization { get; init; } = "scratch";

    /// <summary>Keep the MiniLM-initialised condition encoder frozen during training.</summary>
    public bool FreezeConditionEncoder { get; init; }

    /// <summary>
    /// The number of tokens in the latent vocabulary the model was built for (the sub-vocabulary's size, or the whole
    /// vocabulary's), recorded so that loading can tell a <c>subvocabulary.json</c> of another run; null in folders written
    /// before it was recorded.
    /// </summary>
    public int? LatentVocabularySize { get; init; }

    /// <summary>Free-form notes (how the model was trained).</summary>
    public Dictionary<string, string> Notes { get; init; } = [];

    /// <summary>Checks the combination; returns one message per problem (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (FormatVersion > CurrentFormatVersion)
        {
            problems.Add(PipelineFormatVersions.Newer(FormatVersion));
        }
        else if (FormatVersion != CurrentFormatVersion)
        {
            problems.Add($"formatVersion {FormatVersion} is not supported (this library reads {PipelineFormatVersions.First} and {CurrentFormatVersion}, and holds {CurrentFormatVersion} once read).");
        }

        AddEmbeddingProblems(problems);
        AddInitializationProblems(problems);
        if (DistanceInput is not ("softmax" or "posterior"))
        {
            problems.Add($"distanceInput must be softmax or posterior, got '{DistanceInput}'.");
        }

        AddScheduleProblems(problems);
        if (!Sampling.Solvers.ReverseSteps.IsKnown(Solver))
        {
            problems.Add($"solver '{Solver}' is unknown; expected one of {string.Join(", ", Sampling.Solvers.ReverseSteps.Names)}.");
        }

        AddLengthProblems(problems);
        AddSamplingProblems(problems);
        AddModelProblems(problems);
        return problems;
    }

    /// <summary>The embedding source and whether it can go without special tokens.</summary>
    private void AddEmbeddingProblems(List<string> problems)
    {
        if (EmbeddingSource is not ("minilm" or "custom"))
        {
            problems.Add($"embeddingSource '{EmbeddingSource}' is unknown; expected 'minilm' or 'custom'.");
        }

        if (Tokenizer is not (null or Gpt2Tokenizer))
        {
            problems.Add($"tokenizer '{Tokenizer}' is unknown; expected '{Gpt2Tokenizer}' or none (a WordPiece vocab.txt).");
        }
        else if (Tokenizer is not null && EmbeddingSource != "custom")
        {
            problems.Add($"tokenizer '{Tokenizer}' needs custom embeddings (embeddingSource 'custom', an embeddings.safetensors in the folder); the MiniLM embeddings come with their WordPiece vocabulary.");
        }

        if (!SpecialTokens && EmbeddingSource == "minilm")
        {
            problems.Add("specialTokens false needs custom embeddings (a vocab.txt in the folder); the MiniLM codec always frames sequences with [CLS]/[SEP].");
        }
    }

    /// <summary>The initialization, the model shape MiniLM initialisation needs, and freezing the condition encoder.</summary>
    private void AddInitializationProblems(List<string> problems)
    {
        if (Initialization is not ("scratch" or "minilm-condition" or "minilm"))
        {
            problems.Add($"initialization '{Initialization}' is unknown; expected scratch, minilm-condition or minilm.");
        }
        else if (Initialization != "scratch" && (Model.HiddenSize != 384 || Model.AttentionHeads != 12 || Model.EffectiveIntermediateSize != 1536))
        {
            problems.Add($"initialization '{Initialization}' copies all-MiniLM-L6-v2 layers and needs h = 384, 12 heads and FFN 1536 (got h = {Model.HiddenSize}, {Model.AttentionHeads} heads, FFN {Model.EffectiveIntermediateSize}); use the small-pretrained preset or initialization scratch.");
        }

        if (FreezeConditionEncoder && Initialization == "scratch")
        {
            problems.Add("freezeConditionEncoder only makes sense with a MiniLM-initialised condition encoder; set initialization to minilm-condition or minilm.");
        }
    }

    /// <summary>The sequence lengths, against the layout and the model.</summary>
    private void AddLengthProblems(List<string> problems)
    {
        if (SourceLength < 3 || TargetLength < 3)
        {
            problems.Add($"sourceLength ({SourceLength}) and targetLength ({TargetLength}) must be ≥ 3 (start, one token, end).");
        }

        if (Model.IsSourceAligned && TargetLength != Model.AlignedSlotsPerSourceToken * SourceLength)
        {
            problems.Add($"the source-aligned layout has {Model.AlignedSlotsPerSourceToken} target slots per source position: targetLength must be {Model.AlignedSlotsPerSourceToken * SourceLength} for sourceLength {SourceLength}, got {TargetLength}.");
        }

        if (TargetLength > Model.MaxTargetLength)
        {
            problems.Add($"targetLength ({TargetLength}) exceeds the model's maxTargetLength ({Model.MaxTargetLength}).");
        }

        if (Model.IsConditional && SourceLength > Model.MaxSourceLength)
        {
            problems.Add($"sourceLength ({SourceLength}) exceeds the model's maxSourceLength ({Model.MaxSourceLength}).");
        }
    }

    /// <summary>The sampling defaults: δ and the number of steps.</summary>
    private void AddSamplingProblems(List<string> problems)
    {
        if (SamplingDelta is { } samplingDelta && !(samplingDelta > 0 && double.IsFinite(samplingDelta)))
        {
            problems.Add($"samplingDelta must be a positive number (or absent for the schedule's δ), got {samplingDelta}.");
        }

        if (SamplingSteps < 1)
        {
            problems.Add($"samplingSteps must be ≥ 1, got {SamplingSteps}.");
        }
    }

    /// <summary>The model's token head against the latent space, and the model's own checks.</summary>
    private void AddModelProblems(List<string> problems)
    {
        AddDraftProblems(problems);

        if (Latent == LatentSpaceKind.Simplex && Model.TokenHeadVocabularySize is null)
        {
            problems.Add("the simplex latent space needs a model with a token head (TokenHeadVocabularySize).");
        }

        if (Latent != LatentSpaceKind.Simplex && Model.TokenHeadVocabularySize is not null)
        {
            problems.Add($"the {LatentSpaceKinds.NameOf(Latent)} latent space predicts embeddings; remove the model's token head.");
        }

        try
        {
            Model.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add("model: " + e.Message);
        }
    }

    /// <summary>Throws when <see cref="Problems"/> is not empty, listing every problem.</summary>
    /// <exception cref="ArgumentException">The configuration is invalid.</exception>
    public void Validate()
    {
        IReadOnlyList<string> problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid Smoothie pipeline configuration:\n - " + string.Join("\n - ", problems));
        }
    }

    /// <summary>The configuration as <c>pipeline.json</c> text (the typed format, <see cref="JsonOptions"/>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>
    /// Reads <c>pipeline.json</c> text of either format version: 2, the typed one <see cref="ToJson"/> writes, or 1, the
    /// first one (a schedule name, a <c>scheduleParameters</c> map, <c>sigmaMin</c> and <c>simplexK</c> at the top level),
    /// whose values are mapped onto the typed records (the result's <see cref="FormatVersion"/> is 2). Does not validate
    /// (see <see cref="Problems"/>).
    /// </summary>
    /// <param name="json">The text.</param>
    /// <exception cref="JsonException">
    /// Not JSON, not of the expected shape (the message names the setting), or written by a newer Smoothie (a
    /// <c>formatVersion</c> above <see cref="CurrentFormatVersion"/>).
    /// </exception>
    public static PipelineConfiguration FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonObject root = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("pipeline.json must hold a JSON object.");
        PipelineFormatVersions.Upgrade(root);
        return root.Deserialize<PipelineConfiguration>(JsonOptions) ?? throw new JsonException("pipeline.json is empty.");
    }

    /// <summary>The schedule's parameter ranges, and σ_min and k where the schedule does not hold them.</summary>
    private void AddScheduleProblems(List<string> problems)
    {
        if (ScheduleParameters is null)
        {
            problems.Add($"schedule is missing; expected an object such as {{\"name\": \"{NoiseSchedules.Arctan}\", \"d\": 9}} (names: {string.Join(", ", NoiseSchedules.Names)}).");
            return;
        }

        problems.AddRange(ScheduleParameters.Problems().Select(p => $"schedule.{p.Parameter} {p.Requirement}, got {F(p.Value)}."));
        AddSpaceParameterProblems(problems, nameof(SpaceSigmaMin), SpaceSigmaMin, LatentSpaceKind.Distance, ScheduleParameters is ArctanParameters, "σ_min", "sigmaMin");
        AddSpaceParameterProblems(problems, nameof(SpaceK), SpaceK, LatentSpaceKind.Simplex, ScheduleParameters is TessParameters, "k", "k");
    }

    /// <summary>A space's own σ_min or k: only for its space, only when the schedule does not hold it, and in range.</summary>
    private void AddSpaceParameterProblems(List<string> problems, string property, double? value, LatentSpaceKind space, bool scheduleHoldsIt, string symbol, string parameter)
    {
        string setting = JsonNamingPolicy.CamelCase.ConvertName(property);
        if (value is not { } given)
        {
            return;
        }

        if (Latent != space)
        {
            problems.Add($"{setting} is the {LatentSpaceKinds.NameOf(space)} space's {symbol}; the {LatentSpaceKinds.NameOf(Latent)} space has none: remove {setting}.");
        }
        else if (scheduleHoldsIt)
        {
            problems.Add($"{setting} ({F(given)}) is for a schedule without {symbol}: the {Schedule} schedule holds the space's {symbol} as schedule.{parameter}; set it there and remove {setting}.");
        }
        else if (!(given > 0) || !double.IsFinite(given))
        {
            problems.Add($"{setting} must be a positive finite number, got {F(given)}.");
        }
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
