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

    /// <summary>
    /// As <see cref="WordLookup"/>, with every word rewritten by the surest of three learned predictions: the word's own,
    /// and the word's next to the word before it and next to the word after it ("we shall" → "we will" where "shall"
    /// alone is kept about as often as rewritten; <see cref="Smoothie.Text.Baselines.WordLookupBaseline.Rewrite(string, double, bool)"/>).
    /// Needs a <c>lookup.tsv</c> of version 4, which holds the contexts.
    /// </summary>
    WordLookupInContext,
}
