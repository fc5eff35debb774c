namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// What the model is given as its source: the text itself, or a draft of the rewrite that the model then edits
/// (<see cref="PipelineConfiguration.SourceDraft"/>).
/// </summary>
public enum SourceDraftKind
{
    /// <summary>The model sees the source text itself (the paper's setting).</summary>
    None,

    /// <summary>
    /// The model sees the pipeline's learned word lookup's rewrite of the source (<c>lookup.tsv</c>, learned from the
    /// training pairs before training), in training and in generation: the denoiser edits the lookup's draft (picks the
    /// right word in context, repairs grammar and phrasing) instead of rewriting the source from scratch. For near-copy
    /// tasks, where a word-for-word draft is already close to the target.
    /// </summary>
    WordLookup,
}
