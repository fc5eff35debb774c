namespace Smoothie.Text.Realization;

/// <summary>
/// What the <see cref="LookupGuard"/> repairs in a generated text. The defaults (<see cref="Default"/>) were chosen on
/// the validation split of the bundled KJV → WEB corpus (docs/results.md §10.6).
/// </summary>
public sealed record LookupGuardOptions
{
    /// <summary>The guard with its default settings.</summary>
    public static LookupGuardOptions Default { get; } = new();

    /// <summary>
    /// Whether an invented word (in no training target and not in the source) is replaced by the lookup's rewrite of the
    /// source word it is aligned to, or dropped when that rewrite is empty or there is none. Needs the training targets'
    /// words. Default true.
    /// </summary>
    public bool ReplaceInvented { get; init; } = true;

    /// <summary>
    /// Whether a word that is only the first piece of the source word it is aligned to ("loud" for "louder", "tar" for
    /// "tarried"; <see cref="TruncatedWords"/>) is replaced by the lookup's rewrite of that source word. Default true
    /// (docs/results.md §12.8).
    /// </summary>
    public bool RepairTruncated { get; init; } = true;

    /// <summary>
    /// Whether a source word left with no output word is restored (as the lookup rewrites it) when the lookup keeps or
    /// rewrites it confidently: at least <see cref="MinimumShare"/> of its at least <see cref="MinimumCount"/> training
    /// occurrences were aligned to a target token. Default true.
    /// </summary>
    public bool RestoreDropped { get; init; } = true;

    /// <summary>
    /// The share of a word's training occurrences that must be kept or rewritten (not deleted) for it to be restored, in
    /// (0, 1]. Default 0.6: of 0.6, 0.8, 0.9 and 0.95 it gave the best BLEU and edit F0.5 on 300 validation verses.
    /// </summary>
    public double MinimumShare { get; init; } = 0.6;

    /// <summary>
    /// Whether the guard reads the lookup in context (<see cref="Baselines.WordLookupBaseline.Rewrite(string, double, bool)"/>):
    /// a word is aligned, replaced and restored as the surest of its own and its neighbour contexts' predictions, and a
    /// word the lookup deletes in its context ("the" of "the LORD" → "Yahweh") is not restored, and an output ending with a
    /// comma, semicolon or colon takes the lookup's rewrite of the source's final mark (on 300 validation verses the model
    /// ended 54 outputs with a comma, the references 20; docs/results.md §12). Default false; a pipeline that drafts in
    /// context turns it on.
    /// </summary>
    public bool InContext { get; init; }

    /// <summary>
    /// Whether "a" and "an" are made to agree with the word after them as the training targets write them ("a expanse" →
    /// "an expanse", KJV's "an hundred" → "a hundred"; docs/results.md §12.18). Needs a lookup learned, or read from a
    /// version 6 file; with an older one nothing changes. Default true.
    /// </summary>
    public bool AgreeArticles { get; init; } = true;

    /// <summary>The fewest training occurrences of a word for it to be restored, ≥ 1. Default 5.</summary>
    public int MinimumCount { get; init; } = 5;

    /// <summary>
    /// Whether a pipeline that drafts its sources with its lookup sets <see cref="KeepShare"/> to its keep share (its
    /// <c>guardKeepShare</c>, else its draft's share: the words its draft keeps are kept in the output). Default true.
    /// </summary>
    public bool KeepDrafted { get; init; } = true;

    /// <summary>
    /// The share at which the lookup's copies are kept (a pipeline fills it in from its <c>guardKeepShare</c> or its
    /// draft's <c>sourceDraftShare</c> when <see cref="KeepDrafted"/>), or null to keep nothing this way. With a share,
    /// a source word the lookup's rewrite at that share copies (the draft keeps it: the lookup is not sure enough to change
    /// it) is kept in the output too: put back when the model writes one other word in its place, if the training targets
    /// use the word (an archaic "shalt" the model rewrote stays rewritten) or, for a word seen fewer than
    /// <see cref="MinimumCount"/> times, if the model's word is not a form of it ("with Enoch also" → "with Clement also",
    /// "a swarm" → "a colony"; "longed" for the unseen "longedst" stays; docs/results.md §12.19), and restored when the
    /// model drops it, if the
    /// targets use it, it is a name (capitalised inside the text, or the second part of a hyphenated name, restored as
    /// "Beth Jeshimoth" after the first) or it was seen fewer than <see cref="MinimumCount"/> times in training, too seldom
    /// for its absence from the targets to mean that they drop it ("the print of the nails", not "the of the nails";
    /// docs/results.md §12.16). An empty output becomes the draft. Words the draft rewrites or deletes are the
    /// model's to decide. Measured in docs/results.md §12.6.
    /// </summary>
    public double? KeepShare { get; init; }

    /// <summary>The problems of these settings (empty when valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!(MinimumShare > 0 && MinimumShare <= 1))
        {
            problems.Add($"LookupGuardOptions.MinimumShare must lie in (0, 1]; got {MinimumShare}.");
        }

        if (MinimumCount < 1)
        {
            problems.Add($"LookupGuardOptions.MinimumCount must be ≥ 1; got {MinimumCount}.");
        }

        if (KeepShare is { } keep && !(keep >= 0 && keep <= 1))
        {
            problems.Add($"LookupGuardOptions.KeepShare must lie in [0, 1] or be null; got {keep}.");
        }

        return problems;
    }
}
