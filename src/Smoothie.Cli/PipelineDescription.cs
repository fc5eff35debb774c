using System.Globalization;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Configuration;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Cli;

/// <summary>Every effective setting of a loaded pipeline, one row each (what <c>smoothie info --model</c> prints).</summary>
internal static class PipelineDescription
{
    public static IReadOnlyList<(string Setting, string Value)> Rows(SmoothiePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        PipelineConfiguration c = pipeline.Configuration;
        DenoiserConfig m = c.Model;
        NoiseScheduleParameters schedule = c.ScheduleParameters;
        double samplingDelta = c.SamplingDelta ?? (schedule as ArctanParameters)?.Delta ?? double.NaN;
        var rows = new List<(string, string)>
        {
            ("latent space", $"{LatentSpaceKinds.NameOf(c.Latent)} over V = {pipeline.Space.LatentDimension:N0}{(pipeline.SubVocabulary is null ? " (full vocabulary)" : $" (sub-vocabulary of {pipeline.Codec.VocabularySize:N0})")}"),
        };
        switch (c.Latent)
        {
            case LatentSpaceKind.Distance:
                rows.Add(("σ_min", F(c.SigmaMin)));
                rows.Add(("distance input", c.DistanceInput));
                break;
            case LatentSpaceKind.Simplex:
                rows.Add(("simplex k", F(c.SimplexK)));
                break;
        }

        rows.Add(("schedule", schedule.ScheduleName));
        rows.Add(("schedule parameters", schedule.ToDictionary().Count == 0 ? "none" : string.Join(", ", schedule.ToDictionary().Select(p => $"{p.Key} {F(p.Value)}"))));
        rows.Add(("lengths", $"source {c.SourceLength}, target {c.TargetLength} (model maxima {m.MaxSourceLength}, {m.MaxTargetLength})"));
        rows.Add(("layout", m.IsSourceAligned ? $"source-aligned, {m.AlignedSlotsPerSourceToken} target slots per source token (copy window {m.AlignedCopyWindow})" : "free"));
        rows.Add(("copy head", m.CopyHead ? "on" : "off"));
        rows.Add(("source positions", m.SharedSourcePositions ? "shared with the target" : "own table"));
        rows.Add(("model", $"h {m.HiddenSize}, embeddings {m.EffectiveEmbeddingSize}, {m.DenoiserLayers} denoiser layers, {m.ConditionEncoderLayers} condition layers, {m.AttentionHeads} heads, FFN {m.EffectiveIntermediateSize}, {Kebab(m.Conditioning.ToString())}, dropout {F(m.Dropout)}"));
        rows.Add(("self-conditioning, input skip", $"{(m.UseSelfConditioning ? "on" : "off")}, {(m.InputSkip ? "on" : "off")}"));
        rows.Add(("sampling", $"{c.SamplingSteps} steps, {c.Solver}, {(c.ClampToNearestToken ? "clamped" : "not clamped")}, δ {(double.IsNaN(samplingDelta) ? "—" : F(samplingDelta))}{(c.SamplingDelta is null ? " (the schedule's)" : string.Empty)}"));
        rows.Add(("embeddings", $"{c.EmbeddingSource} ({c.EmbeddingIdentity}), normalisation {Kebab(c.EmbeddingNormalization.ToString())}, {(c.Tokenizer is { } tokenizer ? $"tokenizer {tokenizer} (byte-level BPE, cased, no [CLS]/[SEP])" : $"{(c.LowerCase ? "lowercased" : "cased")}, {(c.SpecialTokens ? "[CLS]/[SEP] framing" : "no [CLS]/[SEP]")}")}"));
        rows.Add(("initialisation", $"{c.Initialization}{(c.FreezeConditionEncoder ? ", condition encoder frozen" : string.Empty)}"));
        foreach ((string key, string value) in c.Notes)
        {
            rows.Add(($"note: {key}", value));
        }

        return rows;
    }

    /// <summary>An enum value as pipeline.json spells it.</summary>
    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
