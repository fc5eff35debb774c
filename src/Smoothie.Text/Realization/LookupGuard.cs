using Smoothie.Text.Baselines;
using Smoothie.Text.Layout;

namespace Smoothie.Text.Realization;

/// <summary>
/// A per-word guard applied to a generated text, using the learned <see cref="WordLookupBaseline"/>: the output's words
/// and punctuation marks are aligned to the source's as the lookup learns (<see cref="TokenAlignment"/> on word ids, a
/// source word standing for the first word of its prediction: "thou" as "you"; source tokens the lookup deletes, such as
/// KJV's sentence-initial "And", are left out), then
/// (a) an invented word (in none of the training targets' words and not in the source) is replaced by the lookup's
/// rewrite of the source word it is aligned to, or dropped when the lookup deletes that word or none is aligned
/// ("theh" → "the"); (b) a source word left with no output word is restored at its place, as the lookup rewrites it,
/// when the lookup keeps or rewrites it confidently (<see cref="LookupGuardOptions.MinimumShare"/> of at least
/// <see cref="LookupGuardOptions.MinimumCount"/> training occurrences aligned to a target token: "sought to him" →
/// "sought to kill him"); (c) a word that is only the first piece of the source word it is aligned to
/// (<see cref="TruncatedWords"/>: "waxed loud and loud" for "waxed louder and louder", "tar" for "tarried") is replaced by
/// the lookup's rewrite of that word ("louder", "stayed"); (d) "a" and "an" agree with the word after them as the
/// training targets write them ("a expanse" → "an expanse"); (e) a capitalised word inside a sentence standing for a
/// lower-case source word the lookup writes as another lower-case word is replaced by that word ("and Seth on fire" →
/// "and sets on fire"), and a word the model capitalised only because its sentence began there is lower-cased when the
/// repair puts words before it ("Thus says The Lord" → "Thus says the Lord"); (f) a closing quotation mark with no
/// opening one before it is dropped ("Are you Ziba?” he said" → "Are you Ziba? He said"), and adjacent marks collapse to
/// the strongest (<see cref="PunctuationRuns"/>: "the horsemen,." → "the horsemen."). A text the guard does not change is
/// returned as it was.
/// </summary>
public sealed partial class LookupGuard
{
    private readonly WordLookupBaseline lookup;
    private readonly IReadOnlySet<string>? targetWords;
    private readonly TruncatedWords truncated;

    /// <summary>Creates a guard.</summary>
    /// <param name="lookup">The lookup learned from the training pairs (with counts, for (b)).</param>
    /// <param name="targetWords">The lower-cased words of the training targets (for (a)); null: no word counts as invented.</param>
    /// <param name="options">What the guard repairs.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public LookupGuard(WordLookupBaseline lookup, IReadOnlySet<string>? targetWords, LookupGuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        this.lookup = lookup;
        this.targetWords = targetWords;
        truncated = new TruncatedWords(lookup);
        Options = options;
    }

    /// <summary>What the guard repairs.</summary>
    public LookupGuardOptions Options { get; }

    /// <summary>Repairs one generated text against its source.</summary>
    /// <param name="output">The generated text.</param>
    /// <param name="source">The source text it rewrites.</param>
    /// <returns>The repaired text (<paramref name="output"/> itself when nothing was repaired).</returns>
    public string Apply(string output, string source)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(source);
        List<LookupToken> src = LookupText.Tokenize(source);
        List<LookupToken> outp = LookupText.Tokenize(output);
        if (src.Count == 0)
        {
            return output;
        }

        if (outp.Count == 0)
        {
            // Nothing to align with: with a draft, the draft is the repair (it keeps what the draft keeps).
            return Options.KeepShare is { } share ? lookup.Rewrite(source, share, Options.InContext) : output;
        }

        (bool[] kept, string?[] predicted) = Predictions(src);
        (List<int> aligned, TokenAlignment alignment) = Align(src, outp, kept, predicted);
        var sourceWords = src.Where(t => t.IsWord).Select(t => LookupText.Lower(t.Text)).ToHashSet(StringComparer.Ordinal);

        var result = new List<LookupToken>(outp.Count + 4);
        bool changed = false;
        for (int j = 0; j < alignment.LeadingCount; j++)
        {
            changed |= Emit(result, outp, j, -1, src, [], sourceWords);
        }

        for (int a = 0; a < aligned.Count; a++)
        {
            int i = aligned[a];
            IReadOnlyList<int> group = alignment.TargetsOf(a);
            if (i < 0)
            {
                foreach (int j in group)
                {
                    changed |= Emit(result, outp, j, -1, src, group, sourceWords);
                }

                continue;
            }

            if (group.Count == 0)
            {
                changed |= kept[i] ? RestoreKept(result, src, i) : Restore(result, src, i);
                continue;
            }

            if (kept[i] && !group.Any(j => outp[j].IsWord))
            {
                // Only punctuation stands where the draft keeps a word ("in the coupling:" → "in the,"): the word goes back before it.
                changed |= RestoreKept(result, src, i);
            }

            bool rare = kept[i] && !IsTargetWord(src[i]) && IsRare(src[i]);
            int replaced = kept[i] && IsTargetWord(src[i]) ? ReplacedWord(outp, group, src[i])
                : rare ? ReplacedByUnrelatedWord(outp, group, src[i]) : -1;
            foreach (int j in group)
            {
                if (j == replaced)
                {
                    // A rare word keeps its own case (the model's "Demetrius" for "prospect" must not capitalise it).
                    result.Add(src[i] with { Text = rare ? src[i].Text : MatchCase(src[i].Text, outp[j].Text), SpaceBefore = outp[j].SpaceBefore });
                    changed = true;
                    continue;
                }

                changed |= Emit(result, outp, j, i, src, group, sourceWords);
            }
        }

        changed |= Options.InContext && FollowFinalMark(result, src);
        changed |= Options.AgreeArticles && lookup.AgreeArticles(result);
        changed |= QuotationMarks.DropUnopened(result);
        changed |= PunctuationRuns.Collapse(result);
        return changed ? Finish(result) : output;
    }

    /// <summary>
    /// In context: an output ending with a comma, semicolon or colon takes the lookup's in-context rewrite of the source's
    /// final mark ("Gerar:" → "Gerar." where the model wrote "Gerar,"); returns whether it changed the text.
    /// </summary>
    private bool FollowFinalMark(List<LookupToken> result, List<LookupToken> src)
    {
        if (result.Count == 0 || src[^1].IsWord || result[^1].IsWord || result[^1].Text is not ("," or ";" or ":"))
        {
            return false;
        }

        List<LookupToken> rewrite = lookup.RewriteToken(src, src.Count - 1, inContext: true);
        if (rewrite.Count != 1 || rewrite[0].Text is not ("." or "," or ";" or ":" or "!" or "?") || rewrite[0].Text == result[^1].Text)
        {
            return false;
        }

        result[^1] = result[^1] with { Text = rewrite[0].Text };
        return true;
    }

    /// <summary>
    /// Adds an output token, or its replacement when it is (a) an invented word or (c) a truncated word; returns whether it
    /// was replaced (an invented word with nothing to replace it is dropped, a truncated one kept).
    /// </summary>
    private bool Emit(List<LookupToken> result, List<LookupToken> outp, int index, int sourceIndex, List<LookupToken> src, IReadOnlyList<int> group, HashSet<string> sourceWords)
    {
        LookupToken token = outp[index];
        string lower = LookupText.Lower(token.Text);
        if (Options.RepairTruncated && sourceIndex >= 0 && token.IsWord && truncated.IsTruncation(token.Text, src, sourceIndex, Options.InContext))
        {
            if (TryReplace(result, outp, index, sourceIndex, src, group))
            {
                return true;
            }

            result.Add(token);
            return false;
        }

        if (sourceIndex >= 0 && IsNameForCommonWord(outp, index, src, sourceIndex) && TryReplace(result, outp, index, sourceIndex, src, group))
        {
            return true;
        }

        if (!Options.ReplaceInvented || targetWords is null || !token.IsWord || targetWords.Contains(lower) || sourceWords.Contains(lower))
        {
            return AddInSourceCase(result, outp, index, sourceIndex, src);
        }

        TryReplace(result, outp, index, sourceIndex, src, group);
        return true;
    }

    /// <summary>
    /// Adds the lookup's rewrite of source token <paramref name="sourceIndex"/> in place of output token
    /// <paramref name="index"/>, unless it is empty, already in the group or repeats the last word; returns whether it did.
    /// </summary>
    private bool TryReplace(List<LookupToken> result, List<LookupToken> outp, int index, int sourceIndex, List<LookupToken> src, IReadOnlyList<int> group)
    {
        List<LookupToken> replacement = sourceIndex < 0 ? [] : lookup.RewriteToken(src, sourceIndex, Options.InContext);
        bool present = replacement.Count > 0 && group.Any(k => k != index && LookupText.Lower(outp[k].Text) == LookupText.Lower(replacement[0].Text));
        if (replacement.Count == 0 || present || RepeatsLast(result, replacement[0]))
        {
            return false;
        }

        replacement[0] = replacement[0] with { SpaceBefore = outp[index].SpaceBefore };
        result.AddRange(replacement);
        return true;
    }

    /// <summary>(b): adds the lookup's rewrite of a source word the output lost, when it is confident; returns whether it did.</summary>
    private bool Restore(List<LookupToken> result, List<LookupToken> src, int i)
    {
        LookupToken sourceToken = src[i];
        if (!Options.RestoreDropped || !sourceToken.IsWord || !lookup.TryGetCounts(sourceToken.Text, out WordLookupCounts counts)
            || counts.Occurrences < Options.MinimumCount || counts.NonEmptyShare < Options.MinimumShare)
        {
            return false;
        }

        List<LookupToken> rewrite = lookup.RewriteToken(src, i, Options.InContext);
        if (rewrite.Count == 0 || !rewrite[0].IsWord || RepeatsLast(result, rewrite[0]))
        {
            return false;
        }

        rewrite[0] = rewrite[0] with { SpaceBefore = true };
        result.AddRange(rewrite);
        return true;
    }

    /// <summary>
    /// Whether the guard may keep source word <paramref name="i"/> where the draft keeps it: a word the targets use (not
    /// "shalt" or "saith", which the draft leaves for the model to rewrite), a capitalised word inside the text (a name), or
    /// the second part of a hyphenated name ("Beth-jeshimoth"). Without the targets' words every word may be kept.
    /// </summary>
    private bool Keepable(List<LookupToken> src, int i) =>
        IsTargetWord(src[i]) || (i > 0 && LookupText.IsCased(src[i].Text)) || IsNamePart(src, i) || (IsRare(src[i]) && !(i > 0 && src[i - 1].Text == "-"));

    /// <summary>
    /// Whether the lookup saw a word fewer than <see cref="LookupGuardOptions.MinimumCount"/> times in training (or never):
    /// too seldom for its absence from the targets to say that they drop it ("the print of the nails", "a wench went"). The
    /// part of a hyphenated word after the hyphen is kept only as a name's (<see cref="IsNamePart"/>).
    /// </summary>
    private bool IsRare(LookupToken token) => !lookup.TryGetCounts(token.Text, out WordLookupCounts counts) || counts.Occurrences < Options.MinimumCount;

    /// <summary>Whether a word occurs in the training targets (every word does when the guard has no target words).</summary>
    private bool IsTargetWord(LookupToken token) => targetWords is null || targetWords.Contains(LookupText.Lower(token.Text));

    /// <summary>Whether the output so far ends with a name that does not already hold <paramref name="part"/> ("Paddan" for "aram", not "Beersheba" for "sheba").</summary>
    private static bool FollowsFirstPart(List<LookupToken> result, LookupToken part) =>
        result.Count > 0 && result[^1].IsWord && LookupText.IsCased(result[^1].Text) && !LookupText.Lower(result[^1].Text).Contains(LookupText.Lower(part.Text), StringComparison.Ordinal);

    private static bool IsNamePart(List<LookupToken> src, int i) =>
        i >= 2 && src[i - 1].Text == "-" && src[i - 2].IsWord && LookupText.IsCased(src[i - 2].Text);

    /// <summary>
    /// A word the draft keeps and the model dropped: put back as it stands in the source, after a space. The second part of
    /// a hyphenated name comes back as its own capitalised word ("Beth Jeshimoth", as the targets write most of them), and
    /// only right after a name that does not hold it already ("Beersheba" for "Beer-sheba" stays).
    /// </summary>
    private static bool RestoreKept(List<LookupToken> result, List<LookupToken> src, int i)
    {
        LookupToken sourceToken = src[i];
        bool namePart = IsNamePart(src, i);
        if (RepeatsLast(result, sourceToken) || (namePart && !FollowsFirstPart(result, sourceToken)))
        {
            return false;
        }

        result.Add(sourceToken with { Text = namePart ? LookupText.Capitalize(sourceToken.Text) : sourceToken.Text, SpaceBefore = true });
        return true;
    }

    /// <summary>
    /// The index of the one output word aligned to a source word the draft keeps (a word the targets use: names the model
    /// spells its own way, "Beersheba" for "Beer-sheba", stay) when it is another word (the model's
    /// change of a word the lookup is not sure to change), or -1 when the group keeps the source word or holds several words.
    /// </summary>
    private static int ReplacedWord(List<LookupToken> outp, IReadOnlyList<int> group, LookupToken sourceToken)
    {
        int[] words = group.Where(j => outp[j].IsWord).ToArray();
        return words.Length == 1 && LookupText.Lower(outp[words[0]].Text) != LookupText.Lower(sourceToken.Text) ? words[0] : -1;
    }

    /// <summary>
    /// <see cref="ReplacedWord"/> for a rare source word the targets do not use: the model's one word in its place, unless
    /// the two are forms of one word (<see cref="WordForms.AreFormsOfOneWord"/>): the model's inflection or spelling of
    /// the word ("longed" for "longedst", "blow" for "bloweth": the rewrite of an archaic form never seen in training;
    /// "Paddan" for "Padan") rather than a guess ("Enoch" for "Clement", "swarm" for "colony").
    /// </summary>
    private static int ReplacedByUnrelatedWord(List<LookupToken> outp, IReadOnlyList<int> group, LookupToken sourceToken)
    {
        int j = ReplacedWord(outp, group, sourceToken);
        return j >= 0 && WordForms.AreFormsOfOneWord(outp[j].Text, sourceToken.Text) ? -1 : j;
    }

    private static bool RepeatsLast(List<LookupToken> result, LookupToken token) =>
        result.Count > 0 && LookupText.Lower(result[^1].Text) == LookupText.Lower(token.Text);

    /// <summary>Joins the repaired tokens: words separated, sentence starts capitalised, no leading comma or closing mark.</summary>
    private static string Finish(List<LookupToken> tokens)
    {
        int skip = 0;
        while (skip < tokens.Count && !tokens[skip].IsWord && tokens[skip].Text is "," or ";" or ":" or "." or ")" or "”")
        {
            skip++;
        }

        var list = tokens.Skip(skip).ToList();
        for (int i = 0; i < list.Count; i++)
        {
            LookupToken token = list[i];
            if (i > 0 && token.IsWord && list[i - 1].IsWord && !token.SpaceBefore)
            {
                token = token with { SpaceBefore = true };
            }

            if (token.IsWord && LookupText.StartsSentence(i == 0 ? null : list[i - 1]))
            {
                token = token with { Text = LookupText.Capitalize(token.Text) };
            }

            list[i] = token;
        }

        return LookupText.Join(list);
    }
}
