namespace Smoothie.Text.Baselines;

/// <summary>
/// The predictions a <see cref="WordLookupBaseline"/> learned for words next to a neighbour
/// (<see cref="WordContextCounter"/>), and the surest of them for a token of a text.
/// </summary>
internal sealed class WordContextTable
{
    public WordContextTable(
        Dictionary<string, WordContextPrediction> before, Dictionary<string, WordContextPrediction> after, bool known, Dictionary<string, WordContextPrediction>? ahead = null, bool marksKnown = false,
        Dictionary<string, WordContextPrediction>? prefixes = null, Dictionary<string, WordContextPrediction>? triggers = null)
    {
        Prefixes = prefixes;
        Triggers = triggers;
        Before = before;
        After = after;
        Known = known;
        Ahead = ahead;
        MarksKnown = marksKnown;
    }

    /// <summary>
    /// Whether the predictions of words before any punctuation mark were learned (<see cref="WordContextCounter.AnyMark"/>;
    /// a lookup learned, or read from a version 6 file), even if none was kept.
    /// </summary>
    public bool MarksKnown { get; }

    /// <summary>
    /// Whether the contexts are known: learned, or read from a version 4 file (there may be none, when no context was seen
    /// often enough); false for a table read from an older file, which never held them.
    /// </summary>
    public bool Known { get; }

    /// <summary>Predictions keyed by the word before and the word.</summary>
    public Dictionary<string, WordContextPrediction> Before { get; }

    /// <summary>Predictions keyed by the word and the word after.</summary>
    public Dictionary<string, WordContextPrediction> After { get; }

    /// <summary>
    /// Insertions keyed by the word and the two words after it (<see cref="WordContextCounter.AheadKey"/>), or null when
    /// unknown (a table read from a version 4 file).
    /// </summary>
    public Dictionary<string, WordContextPrediction>? Ahead { get; }

    /// <summary>
    /// Given a capitalised word's key ("The"), whether the word predicts as its lower-cased word (the lookup keeps no line
    /// of its own for it), so that its contexts, when none was kept under its own key, are read under the lower-cased
    /// word's: "The LORD is with thee" → "Yahweh is with you" as "the LORD" is, where the capitalised "The LORD" (259 times,
    /// its "The" dropped 149 times and turned into the targets' opening quotation mark 68 times) was not sure enough to be
    /// kept. Null: contexts are read under the word's own key only.
    /// </summary>
    public Func<string, bool>? ReadsAsLowerCase { get; init; }

    /// <summary>
    /// The words the targets insert before a word's rewrite, keyed by the lower-cased word (<see cref="WordPrefixCounter"/>),
    /// or null when unknown (a table read from a file older than version 7).
    /// </summary>
    public Dictionary<string, WordContextPrediction>? Prefixes { get; }

    /// <summary>
    /// The predictions of a word after a punctuation mark given a word deleted before it in the text, keyed by
    /// <see cref="WordTriggerCounter.Key"/>, or null when unknown (a table read from a file older than version 7).
    /// </summary>
    public Dictionary<string, WordContextPrediction>? Triggers { get; }

    /// <summary>The number of contexts (prefixes and triggers included).</summary>
    public int Count => Before.Count + After.Count + (Ahead?.Count ?? 0) + (Prefixes?.Count ?? 0) + (Triggers?.Count ?? 0);

    /// <summary>
    /// The surest prediction of word <paramref name="i"/>, which follows a punctuation mark, given a word before it that
    /// <paramref name="deletes"/> says the lookup deletes (<see cref="WordTriggerCounter"/>), counting only triggers after
    /// which the word does not already follow a mark (only its first such occurrence after a trigger is predicted so).
    /// </summary>
    public bool TryAfterTrigger(IReadOnlyList<LookupToken> tokens, int i, Func<int, bool> deletes, out WordContextPrediction prediction)
    {
        prediction = default;
        if (Triggers is null || Triggers.Count == 0 || i < 2 || !tokens[i].IsWord || tokens[i - 1].IsWord)
        {
            return false;
        }

        string word = LookupText.Lower(tokens[i].Text);
        bool found = false;
        for (int k = i - 2; k >= 0; k--)
        {
            if (k + 1 < i - 1 && tokens[k + 1].IsWord && !tokens[k].IsWord && LookupText.Lower(tokens[k + 1].Text) == word)
            {
                break; // the word already followed a mark after every trigger further back
            }

            if (tokens[k].IsWord && Triggers.TryGetValue(WordTriggerCounter.Key(tokens[k].Text, tokens[i].Text), out WordContextPrediction candidate)
                && (!found || candidate.Share > prediction.Share) && deletes(k))
            {
                prediction = candidate;
                found = true;
            }
        }

        return found;
    }

    /// <summary>The prefix learned for word <paramref name="i"/> of <paramref name="tokens"/>.</summary>
    public bool TryPrefix(IReadOnlyList<LookupToken> tokens, int i, out WordContextPrediction prediction)
    {
        prediction = default;
        return Prefixes is not null && tokens[i].IsWord && Prefixes.TryGetValue(LookupText.Lower(tokens[i].Text), out prediction);
    }

    /// <summary>The insertion learned after token <paramref name="i"/> followed by its next two tokens.</summary>
    public bool TryAhead(IReadOnlyList<LookupToken> tokens, int i, out WordContextPrediction prediction)
    {
        prediction = default;
        return Ahead is not null && Ahead.TryGetValue(WordContextCounter.AheadKey(tokens, i), out prediction);
    }

    /// <summary>
    /// The surer of the two context predictions of token <paramref name="i"/> and whether it is the one next to the word
    /// after (true) or before (false), or null when neither context was kept.
    /// </summary>
    public (WordContextPrediction Prediction, bool IsAfter)? SurestWithSide(IReadOnlyList<LookupToken> tokens, int i)
    {
        bool hasBefore = TryBefore(tokens, i, out WordContextPrediction before);
        bool hasAfter = TryAfter(tokens, i, out WordContextPrediction after);
        return (hasBefore, hasAfter) switch
        {
            (true, true) => after.Share > before.Share ? (after, true) : (before, false),
            (true, false) => (before, false),
            (false, true) => (after, true),
            _ => null,
        };
    }

    /// <summary>
    /// The prediction of token <paramref name="i"/> next to the token before it, under the neighbour's key, else for a
    /// capitalised word that predicts as its lower-cased word (<see cref="ReadsAsLowerCase"/>) under the lower-cased word's
    /// key ("The LORD" as "the LORD"), else (a neighbour in capitals not kept under its own key, or a table read from a file
    /// learned before capitals were kept) under the neighbour's lower-cased key (looked up only for a neighbour in capitals:
    /// for any other the two keys are the same).
    /// </summary>
    public bool TryBefore(IReadOnlyList<LookupToken> tokens, int i, out WordContextPrediction prediction) =>
        Before.TryGetValue(WordContextCounter.BeforeKey(tokens, i), out prediction)
        || (AsLowerCase(tokens, i) is { } lowered && Before.TryGetValue(WordContextCounter.BeforeKey(lowered, i), out prediction))
        || (i > 0 && LookupText.IsCapitals(tokens[i - 1].Text) && Before.TryGetValue(WordContextCounter.BeforeKey(tokens, i, lowerNeighbour: true), out prediction));

    /// <summary>
    /// A copy of <paramref name="tokens"/> with word <paramref name="i"/> lower-cased when it is capitalised (not in
    /// capitals) and <see cref="ReadsAsLowerCase"/> says its key predicts as its lower-cased word, else null.
    /// </summary>
    private List<LookupToken>? AsLowerCase(IReadOnlyList<LookupToken> tokens, int i)
    {
        string text = tokens[i].Text;
        if (ReadsAsLowerCase is null || !tokens[i].IsWord || !LookupText.IsCased(text) || LookupText.IsCapitals(text) || !ReadsAsLowerCase(LookupText.Key(text)))
        {
            return null;
        }

        var lowered = new List<LookupToken>(tokens);
        lowered[i] = tokens[i] with { Text = LookupText.Lower(text) };
        return lowered;
    }

    /// <summary>
    /// The prediction of token <paramref name="i"/> next to the token after it (the keys as in <see cref="TryBefore"/>), else,
    /// when that token is a punctuation mark, the word's prediction before any mark (<see cref="WordContextCounter.AnyMark"/>).
    /// </summary>
    public bool TryAfter(IReadOnlyList<LookupToken> tokens, int i, out WordContextPrediction prediction)
    {
        if (After.TryGetValue(WordContextCounter.AfterKey(tokens, i), out prediction)
            || (AsLowerCase(tokens, i) is { } lowered && After.TryGetValue(WordContextCounter.AfterKey(lowered, i), out prediction))
            || (i + 1 < tokens.Count && LookupText.IsCapitals(tokens[i + 1].Text) && After.TryGetValue(WordContextCounter.AfterKey(tokens, i, lowerNeighbour: true), out prediction)))
        {
            return true;
        }

        if (i + 1 < tokens.Count && !tokens[i + 1].IsWord && After.TryGetValue(WordContextCounter.AnyMarkKey(tokens, i), out prediction))
        {
            prediction = prediction with { BeforeAnyMark = true };
            return true;
        }

        prediction = default;
        return false;
    }
}
