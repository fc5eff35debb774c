using System.Globalization;
using System.Text.Json.Serialization;

namespace Smoothie.Diffusion.Configuration;

/// <content>What the model is given as its source (a learned lookup's draft) and what the decode-time guard keeps of it.</content>
public sealed partial record PipelineConfiguration
{
    /// <summary>
    /// What the model is given as its source (default <see cref="SourceDraftKind.None"/>, the source text itself):
    /// <see cref="SourceDraftKind.WordLookup"/> gives it the pipeline's learned word lookup's draft of the rewrite, in
    /// training and in generation (the folder must then hold <c>lookup.tsv</c>). Written to <c>pipeline.json</c> only
    /// when not <see cref="SourceDraftKind.None"/> (folders of other pipelines read as before).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public SourceDraftKind SourceDraft { get; init; }

    /// <summary>
    /// With <see cref="SourceDraftKind.WordLookup"/>: the draft rewrites only the words whose lookup prediction has at
    /// least this share of their training occurrences (<c>WordLookupCounts.PredictedShare</c>) and copies the others, so
    /// that the model, which sees only the draft, still sees the words the targets rewrite in more than one way. 0 (the
    /// default) rewrites every word the lookup knows.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double SourceDraftShare { get; init; }

    /// <summary>
    /// With a draft: the share at which the decode-time guard keeps the source words the lookup copies
    /// (<c>LookupGuardOptions.KeepDrafted</c>); a word whose lookup prediction has less than this share of its training
    /// occurrences counts as one the draft keeps. Null (the default, and in folders written before it existed) keeps at
    /// <see cref="SourceDraftShare"/>, the draft's own share; a higher value keeps more words (more rows lose none) and
    /// leaves the model fewer to rewrite. A <c>LookupGuardOptions.KeepShare</c> given at generation overrides it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? GuardKeepShare { get; init; }

    /// <summary>The share the guard keeps at when it keeps what the draft keeps: <see cref="GuardKeepShare"/>, else the draft's share; null without a draft.</summary>
    internal double? DraftKeepShare => SourceDraft == SourceDraftKind.None ? null : GuardKeepShare ?? SourceDraftShare;

    /// <summary>The draft, its share and the guard's keep share.</summary>
    private void AddDraftProblems(List<string> problems)
    {
        if (!Enum.IsDefined(SourceDraft))
        {
            problems.Add($"sourceDraft {(int)SourceDraft} is unknown; expected none, word-lookup or word-lookup-in-context.");
        }
        else if (!(SourceDraftShare >= 0 && SourceDraftShare <= 1))
        {
            problems.Add($"sourceDraftShare must lie in [0, 1]; got {SourceDraftShare.ToString(CultureInfo.InvariantCulture)}.");
        }
        else if (SourceDraft != SourceDraftKind.None && !Model.IsConditional)
        {
            problems.Add("sourceDraft word-lookup(-in-context) drafts a source; an unconditional model has none (use a conditional model or sourceDraft none).");
        }

        if (GuardKeepShare is { } keep && !(keep >= 0 && keep <= 1))
        {
            problems.Add($"guardKeepShare must lie in [0, 1] or be absent (keep at the draft's share); got {keep.ToString(CultureInfo.InvariantCulture)}.");
        }
        else if (GuardKeepShare is not null && SourceDraft == SourceDraftKind.None)
        {
            problems.Add("guardKeepShare applies to a pipeline that drafts its sources (sourceDraft word-lookup or word-lookup-in-context); remove it or set a draft.");
        }
    }
}
