using Smoothie.Text.Realization;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>Per-call generation settings; null fields fall back to the pipeline's configuration.</summary>
public sealed record GenerationOptions
{
    /// <summary>Number of reverse steps (default: the pipeline's).</summary>
    public int? Steps { get; init; }

    /// <summary>Solver: renoise, ddpm, ddim or sde (default: the pipeline's).</summary>
    public string? Solver { get; init; }

    /// <summary>Arctan δ: prior and noise scale (fluency vs diversity); default: the pipeline's.</summary>
    public double? Delta { get; init; }

    /// <summary>Classifier-free guidance weight (0 = off).</summary>
    public double GuidanceScale { get; init; }

    /// <summary>
    /// The seed of the noise (default 1). Every input — every piece of a long input — draws its noise from its own
    /// stream, keyed by the seed and a hash of its own tokens (the source piece, and with <see cref="Strength"/> &lt; 1 its
    /// start tokens; <c>SamplingOptions.SequenceKeys</c>), so the same input and seed give the same text alone, at any
    /// position of a batch, with any <see cref="BatchSize"/>, streamed (<see cref="SmoothiePipeline.GenerateAsync"/>) and
    /// whatever other requests share a batch in the dependency-injection generator. Equal inputs in one call therefore
    /// get equal texts; change the seed for another sample. The rule is in docs/architecture.md (reproducibility).
    /// </summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Clamp each step's prediction to its nearest token embedding (distance and embedding spaces); see
    /// <c>SamplingOptions.ClampToNearestToken</c>. Null (default): the pipeline's <c>PipelineConfiguration.ClampToNearestToken</c>.
    /// </summary>
    public bool? ClampToNearestToken { get; init; }

    /// <summary>
    /// How far from the source to start, in (0, 1] (as diffusers' image-to-image "strength"). 1 (the default, the paper's
    /// sampler) starts from pure noise; below 1 the source, mapped into the target vocabulary, is noised to
    /// t = <see cref="Strength"/> and the reverse steps run from there (SDEdit-style editing): lower keeps more of the
    /// source's words, higher lets the model rewrite more. All <see cref="Steps"/> are spent on [0, strength].
    /// </summary>
    public double Strength { get; init; } = 1.0;

    /// <summary>
    /// Candidates per source (default 1): with K &gt; 1 every source is rewritten K times, with the seeds
    /// <see cref="Seed"/>, <see cref="Seed"/> + 1, …, and the candidate the others agree with most is returned
    /// (minimum-Bayes-risk selection by sentence BLEU, <c>Smoothie.Evaluation.MinimumBayesRisk</c>). Costs K times the
    /// generation time; what it gains on the shipped model is in docs/results.md §11. Streaming
    /// (<c>SmoothiePipeline.GenerateAsync</c>) always makes one candidate.
    /// </summary>
    public int Candidates { get; init; } = 1;

    /// <summary>Sequences generated per batch.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// Whether a word equal to the word before it is dropped from the output ("and and" → "and"), as non-autoregressive
    /// decoders do. Default true; false keeps repeated words (the realizer still joins pieces, spells words and places
    /// punctuation, and <see cref="Guard"/> still applies: this is not the model's raw output).
    /// </summary>
    public bool RemoveRepeatedWords { get; init; } = true;

    /// <summary>
    /// The per-word guard applied to every output with the pipeline's learned lookup (<see cref="LookupGuard"/>: invented
    /// words replaced by the lookup's rewrite, confidently kept source words the output lost restored, and — in a
    /// pipeline that drafts its sources — the words its draft keeps kept, <see cref="LookupGuardOptions.KeepDrafted"/>),
    /// or null for the model's text as realized. Default: <see cref="LookupGuardOptions.Default"/>, chosen on the
    /// validation split (docs/results.md §10.6, §12.6). A pipeline without a lookup (<see cref="SmoothiePipeline.Lookup"/>,
    /// folders saved before issue 27) runs no guard.
    /// </summary>
    public LookupGuardOptions? Guard { get; init; } = LookupGuardOptions.Default;
}
