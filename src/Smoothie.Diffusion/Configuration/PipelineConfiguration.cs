using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Smoothie.Embeddings;
using Smoothie.Models.Configuration;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// Everything needed to rebuild a pipeline, saved as <c>pipeline.json</c> in a pipeline folder (versioned by
/// <see cref="FormatVersion"/>). Validate with <see cref="Validate"/>.
/// </summary>
public sealed record PipelineConfiguration
{
    /// <summary>The current folder format version.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>JSON options used for pipeline files.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The folder format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Where the vocabulary and embeddings come from: <c>minilm</c> or <c>custom</c> (files in the folder).</summary>
    public string EmbeddingSource { get; init; } = "minilm";

    /// <summary>The embedding identity (hash of vocabulary and values) the model was trained with.</summary>
    public string EmbeddingIdentity { get; init; } = string.Empty;

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
    /// σ_min of the distance space, which is also the Arctan schedule's σ_min (default: the paper's,
    /// <see cref="ArctanParameters.Paper"/>'s; the CLI recipe's <c>--distance-settings scaled</c> writes 1.06).
    /// </summary>
    public double SigmaMin { get; init; } = ArctanParameters.Paper.SigmaMin;

    /// <summary>
    /// How the distance space feeds x_t to the denoiser: <c>softmax</c> (the paper's softmax(x_t)·E) or <c>posterior</c>
    /// (the posterior mean embedding under the forward process; see <c>DistanceInputMode.Posterior</c>).
    /// </summary>
    public string DistanceInput { get; init; } = "softmax";

    /// <summary>k of the simplex space, which is also the Tess schedule's k (default <see cref="TessParameters.Default"/>'s, 5).</summary>
    public double SimplexK { get; init; } = TessParameters.Default.K;

    /// <summary>The noise schedule name (<c>arctan</c>, <c>cosine-sd</c>, <c>sqrt</c>, <c>cosine</c>, <c>tess</c>).</summary>
    public string Schedule { get; init; } = "arctan";

    /// <summary>
    /// Schedule parameters by name (e.g. <c>d</c>, <c>delta</c>, <c>sigmaMin</c>, <c>sigmaMax</c>); missing ones take the
    /// defaults of the schedule's parameter record (<see cref="NoiseScheduleParameters"/>). A built or loaded pipeline
    /// records all of them (<see cref="EffectiveSchedule"/>). The Arctan schedule's <c>sigmaMin</c> is <see cref="SigmaMin"/>
    /// and the Tess schedule's <c>k</c> is <see cref="SimplexK"/>: when given here they must equal those (a different
    /// value is rejected, never silently replaced).
    /// </summary>
    public Dictionary<string, double> ScheduleParameters { get; init; } = [];

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
        if (FormatVersion != CurrentFormatVersion)
        {
            problems.Add($"formatVersion {FormatVersion} is not supported (this library reads {CurrentFormatVersion}).");
        }

        if (EmbeddingSource is not ("minilm" or "custom"))
        {
            problems.Add($"embeddingSource '{EmbeddingSource}' is unknown; expected 'minilm' or 'custom'.");
        }

        if (!SpecialTokens && EmbeddingSource == "minilm")
        {
            problems.Add("specialTokens false needs custom embeddings (a vocab.txt in the folder); the MiniLM codec always frames sequences with [CLS]/[SEP].");
        }

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

        if (DistanceInput is not ("softmax" or "posterior"))
        {
            problems.Add($"distanceInput must be softmax or posterior, got '{DistanceInput}'.");
        }

        AddScheduleProblems(problems);

        if (!Sampling.Solvers.ReverseSteps.Names.Contains(Solver))
        {
            problems.Add($"solver '{Solver}' is unknown; expected one of {string.Join(", ", Sampling.Solvers.ReverseSteps.Names)}.");
        }

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

        if (SamplingDelta is { } samplingDelta && !(samplingDelta > 0 && double.IsFinite(samplingDelta)))
        {
            problems.Add($"samplingDelta must be a positive number (or absent for the schedule's δ), got {samplingDelta}.");
        }

        if (SamplingSteps < 1)
        {
            problems.Add($"samplingSteps must be ≥ 1, got {SamplingSteps}.");
        }

        if (Latent == LatentSpaceKind.Simplex && Model.TokenHeadVocabularySize is null)
        {
            problems.Add("the simplex latent space needs a model with a token head (TokenHeadVocabularySize).");
        }

        if (Latent != LatentSpaceKind.Simplex && Model.TokenHeadVocabularySize is not null)
        {
            problems.Add($"the {Latent.ToString().ToLowerInvariant()} latent space predicts embeddings; remove the model's token head.");
        }

        try
        {
            Model.Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add("model: " + e.Message);
        }

        return problems;
    }

    /// <summary>
    /// The schedule's parameters, every one of them: those in <see cref="ScheduleParameters"/>, σ_min (Arctan) from
    /// <see cref="SigmaMin"/>, k (Tess) from <see cref="SimplexK"/>, the rest at their defaults. Ranges are not checked
    /// here (see <see cref="Problems"/>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Unknown schedule or parameter, or <see cref="ScheduleParameters"/> gives σ_min or k a value other than the latent
    /// space's (the message names both settings).
    /// </exception>
    public NoiseScheduleParameters EffectiveSchedule()
    {
        if (SharedParameterConflicts() is [var conflict, ..])
        {
            throw new ArgumentException(conflict);
        }

        return WithSharedParameters(NoiseScheduleParameters.FromDictionary(Schedule, ScheduleParameters));
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

    private NoiseScheduleParameters WithSharedParameters(NoiseScheduleParameters parameters) => parameters switch
    {
        ArctanParameters arctan => arctan with { SigmaMin = SigmaMin },
        TessParameters tess => tess with { K = SimplexK },
        _ => parameters,
    };

    /// <summary>σ_min or k given in <see cref="ScheduleParameters"/> with a value other than the latent space's.</summary>
    private List<string> SharedParameterConflicts()
    {
        var conflicts = new List<string>();
        foreach ((string key, double value) in ScheduleParameters)
        {
            if (Schedule == "arctan" && string.Equals(key, "sigmaMin", StringComparison.OrdinalIgnoreCase) && value != SigmaMin)
            {
                conflicts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"scheduleParameters.sigmaMin ({value}) conflicts with sigmaMin ({SigmaMin}): the Arctan schedule's σ_min is the distance space's. Set it once, as sigmaMin (SmoothieBuilder.UseDistanceSpace(sigmaMin), smoothie --sigma-min), and leave it out of the schedule's parameters."));
            }

            if (Schedule == "tess" && string.Equals(key, "k", StringComparison.OrdinalIgnoreCase) && value != SimplexK)
            {
                conflicts.Add(string.Create(CultureInfo.InvariantCulture,
                    $"scheduleParameters.k ({value}) conflicts with simplexK ({SimplexK}): the Tess schedule's k is the simplex space's. Set it once, as simplexK (SmoothieBuilder.UseSimplexSpace(k)), and leave it out of the schedule's parameters."));
            }
        }

        return conflicts;
    }

    /// <summary>The schedule's name, parameters and ranges, σ_min of a distance space and k of a simplex space.</summary>
    private void AddScheduleProblems(List<string> problems)
    {
        NoiseScheduleParameters? effective = null;
        if (!NoiseSchedules.Names.Contains(Schedule))
        {
            problems.Add($"schedule '{Schedule}' is unknown; expected one of {string.Join(", ", NoiseSchedules.Names)}.");
        }
        else
        {
            List<string> conflicts = SharedParameterConflicts();
            problems.AddRange(conflicts);
            try
            {
                effective = WithSharedParameters(NoiseScheduleParameters.FromDictionary(Schedule, ScheduleParameters));
            }
            catch (ArgumentException e)
            {
                problems.Add("scheduleParameters: " + e.Message);
            }
        }

        var ranges = new List<ParameterProblem>(effective?.Problems() ?? []);

        // The spaces' own parameters, when no schedule shares (and so checks) them.
        if (Latent == LatentSpaceKind.Distance && effective is not ArctanParameters)
        {
            ranges.AddRange(new ArctanParameters { SigmaMin = SigmaMin }.Problems().Where(p => p.Parameter == "sigmaMin"));
        }

        if (Latent == LatentSpaceKind.Simplex && effective is not TessParameters)
        {
            ranges.AddRange(new TessParameters { K = SimplexK }.Problems());
        }

        foreach (ParameterProblem problem in ranges)
        {
            problems.Add(problem.Parameter switch
            {
                "sigmaMin" => $"sigmaMin {problem.Requirement}, got {problem.Value.ToString(CultureInfo.InvariantCulture)}.",
                "k" => $"simplexK {problem.Requirement}, got {problem.Value.ToString(CultureInfo.InvariantCulture)}.",
                _ => $"scheduleParameters.{problem.Parameter} {problem.Requirement}, got {problem.Value.ToString(CultureInfo.InvariantCulture)}.",
            });
        }
    }
}
