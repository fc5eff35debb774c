using System.Text;

namespace Smoothie.Text.Baselines;

/// <summary>
/// A learned word-for-word rewriting baseline: every source word is replaced by the target words it was most often
/// aligned to in the training pairs.
/// <para>
/// Learning (<see cref="Learn"/>): source and target are split into words and punctuation marks (a word is a run of
/// letters, digits and combining marks with inner apostrophes), the lower-cased token sequences are aligned by
/// <see cref="Layout.TokenAlignment"/> (a monotone minimum-edit alignment: every target token belongs to one source
/// token, an inserted token to the source token before it), and for every source key the aligned target groups are
/// counted (the lower-cased word; a capitalised word also under its own spelling, which is used when it was seen at
/// least three times and predicts otherwise: KJV's sentence-initial "And" is deleted where "and" is kept, "LORD" →
/// "Yahweh" where "Lord" is kept): zero tokens (a deletion),
/// one word, or a phrase ("begat" → "became the father of"). The prediction of a key is its most frequent group; ties go
/// to the word itself, then to the ordinally first group. A group is written as it is most often written in the targets
/// away from a sentence start.
/// </para>
/// <para>
/// Rewriting (<see cref="Rewrite"/>): each source token is replaced by its key's prediction; an unseen word is copied, a
/// word whose prediction is itself is copied as written; a capitalised source word capitalises its replacement ("Thou" →
/// "You"); the first word and the word after <c>. ! ?</c> are capitalised; tokens keep the source's spacing (a replacement
/// of another kind, a word for a punctuation mark or back, takes the spacing it had in the targets). No word list is
/// written by hand: everything comes from the training pairs.
/// </para>
/// </summary>
public sealed partial class WordLookupBaseline
{
    private readonly Dictionary<string, string?> table;
    private readonly Dictionary<string, WordLookupCounts> counts;
    private readonly WordContextTable contexts;
    private readonly ArticleUsage articles;

    private WordLookupBaseline(Dictionary<string, string?> table, Dictionary<string, WordLookupCounts> counts, WordContextTable contexts, ArticleUsage articles)
    {
        this.table = table;
        this.counts = counts;
        this.contexts = new WordContextTable(contexts.Before, contexts.After, contexts.Known, contexts.Ahead, contexts.MarksKnown, contexts.Prefixes, contexts.Triggers)
        {
            ReadsAsLowerCase = key => !table.ContainsKey(key),
        };
        this.articles = articles;
    }

    /// <summary>
    /// Whether the lookup knows how words are rewritten next to their neighbours, what
    /// <see cref="Rewrite(string, double, bool)"/> uses in context: true when learned or read from a version 4 or 5 file (even
    /// when no context was seen often enough to be kept, as with a few training pairs), false for a table read from an
    /// older file.
    /// </summary>
    public bool HasContexts => contexts.Known;

    /// <summary>The number of contexts the lookup keeps (words next to the word before or after them, and insertions after a word followed by two given words; 0 when unknown).</summary>
    public int ContextCount => contexts.Count;

    /// <summary>
    /// Whether the training counts of every word are known (<see cref="TryGetCounts"/>): true when learned, or loaded from
    /// a version 2 file; false for a table loaded from a version 1 file.
    /// </summary>
    public bool HasCounts => counts.Count > 0;

    /// <summary>Whether every count has <see cref="WordLookupCounts.Predicted"/> (learned, or read from a version 3 file).</summary>
    public bool HasPredictionCounts => HasCounts && counts.Values.All(c => c.Predicted is not null);

    /// <summary>
    /// The fewest training occurrences of a word for <see cref="Rewrite(string, double, bool)"/> with a positive share to
    /// delete it: a word seen less often is copied however sure its deletion ("Sosthenes", seen once and dropped there by
    /// the targets; docs/results.md §12.16). <see cref="Rewrite(string)"/> deletes it.
    /// </summary>
    public const int MinimumDeletedOccurrences = 5;

    /// <summary>The number of source keys the baseline rewrites (replaces or deletes); every other word is copied.</summary>
    public int Count => table.Values.Count(v => v is not null);

    /// <summary>The table's source keys and their replacements (null: copied; empty: deleted; a leading space as learned).</summary>
    internal IEnumerable<KeyValuePair<string, string?>> Entries => table;

    /// <summary>Learns the lookup table from training pairs.</summary>
    /// <param name="sources">The training sources.</param>
    /// <param name="targets">The training targets, one per source.</param>
    /// <exception cref="ArgumentException">The counts differ or a text is null.</exception>
    public static WordLookupBaseline Learn(IReadOnlyList<string> sources, IReadOnlyList<string> targets)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count != sources.Count)
        {
            throw new ArgumentException($"Expected one target per source: {sources.Count} sources but {targets.Count} targets.", nameof(targets));
        }

        var learner = new WordLookupLearner();
        for (int i = 0; i < sources.Count; i++)
        {
            learner.Add(
                sources[i] ?? throw new ArgumentException($"sources[{i}] is null.", nameof(sources)),
                targets[i] ?? throw new ArgumentException($"targets[{i}] is null.", nameof(targets)));
        }

        Dictionary<string, string?> learned = learner.Learn();
        return new WordLookupBaseline(learned, learner.Counts, new WordContextTable(learner.Before, learner.After, known: true, learner.Ahead, marksKnown: true, learner.Prefixes, learner.Triggers), learner.Articles);
    }

    /// <summary>
    /// How often a source word was seen in the training pairs, and how often it was aligned to at least one target token
    /// (counted under the key its prediction comes from: a capitalised spelling predicted apart, else the lower-cased word).
    /// </summary>
    /// <param name="word">A source word or punctuation mark, as written.</param>
    /// <param name="wordCounts">The counts, or default when the word was not seen (or the counts are unknown).</param>
    /// <returns>Whether the word was seen and its counts are known.</returns>
    public bool TryGetCounts(string word, out WordLookupCounts wordCounts)
    {
        ArgumentNullException.ThrowIfNull(word);
        return (LookupText.IsCased(word) && table.ContainsKey(LookupText.Key(word)) && counts.TryGetValue(LookupText.Key(word), out wordCounts))
            || counts.TryGetValue(LookupText.Lower(word), out wordCounts);
    }

    /// <summary>What the baseline writes for one source word or punctuation mark.</summary>
    /// <param name="word">A source word or punctuation mark, as written.</param>
    /// <param name="replacement">
    /// The learned replacement as usually written in the targets (empty for a deletion), before the source's casing is
    /// applied; null when the word is copied.
    /// </param>
    /// <returns>Whether the baseline rewrites the word (false: copied).</returns>
    public bool TryGetReplacement(string word, out string? replacement)
    {
        ArgumentNullException.ThrowIfNull(word);
        replacement = Replacement(word)?.TrimStart(' ');
        return replacement is not null;
    }

    /// <summary>Rewrites one source text word by word.</summary>
    /// <param name="source">The source text.</param>
    /// <returns>The rewrite.</returns>
    public string Rewrite(string source) => Rewrite(source, minimumShare: 0);

    /// <summary>
    /// Rewrites one source text word by word, rewriting only the words the lookup is sure of: a word whose
    /// <see cref="WordLookupCounts.PredictedShare"/> is below <paramref name="minimumShare"/> is copied (left for a model
    /// to decide in context), and so is a word deleted by its own prediction but seen fewer than
    /// <see cref="MinimumDeletedOccurrences"/> times; 0 rewrites every word as <see cref="Rewrite(string)"/> does.
    /// </summary>
    /// <param name="source">The source text.</param>
    /// <param name="minimumShare">The least share, in [0, 1], of a word's training occurrences aligned to its prediction.</param>
    /// <returns>The rewrite.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumShare"/> is outside [0, 1].</exception>
    /// <exception cref="InvalidOperationException">A positive share needs the prediction counts, which a table read from an older file lacks.</exception>
    public string Rewrite(string source, double minimumShare) => Rewrite(source, minimumShare, inContext: false);

    /// <summary>
    /// Rewrites one source text word by word, as <see cref="Rewrite(string, double)"/> does, and with
    /// <paramref name="inContext"/> true each word by the surest of three predictions: the word's own, the word's next to
    /// the word before it, and the word's next to the word after it (each learned from at least
    /// ten training occurrences; "we shall" → "we will" where "shall" alone is kept about as often as it is rewritten). In
    /// context the halves of a two-word rewrite are decided together: a word below the share takes its prediction next to
    /// a neighbouring word that is rewritten through the pair the two form ("did not" → "didn’t", not "didn’t not"), and a
    /// word the pair deletes is deleted however sure its other context, where the neighbour's rewrite in the pair differs
    /// from its own ("ye did not give" → "you didn’t give"); and a
    /// word followed by two given words takes the words the targets insert after it there, when at least as sure as the
    /// share ("the LORD God of Israel" → "Yahweh, the God of Israel"; learned only where the two words after it are kept).
    /// In context, "a" and "an" then agree with the word after them as the training targets write them ("a firmament" →
    /// "an expanse", "an holy" → "a holy").
    /// </summary>
    /// <param name="source">The source text.</param>
    /// <param name="minimumShare">The least share, in [0, 1], of the training occurrences aligned to the chosen prediction; below it the word is copied.</param>
    /// <param name="inContext">Whether to use the predictions in context (<see cref="HasContexts"/>; without them this is <see cref="Rewrite(string, double)"/>).</param>
    /// <returns>The rewrite.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumShare"/> is outside [0, 1].</exception>
    /// <exception cref="InvalidOperationException">A positive share needs the prediction counts, which a table read from an older file lacks.</exception>
    public string Rewrite(string source, double minimumShare, bool inContext)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!(minimumShare >= 0 && minimumShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumShare), minimumShare, "The minimum share of a word's occurrences aligned to its prediction must lie in [0, 1].");
        }

        if (minimumShare > 0 && !HasPredictionCounts)
        {
            throw new InvalidOperationException("Rewriting only confident words needs the prediction counts (a lookup learned, or read from a version 3 file); this table was read from an older file. Learn it again or use a share of 0.");
        }

        var output = new List<LookupToken>();
        List<LookupToken> tokens = LookupText.Tokenize(source);
        for (int i = 0; i < tokens.Count; i++)
        {
            List<LookupToken> rewrite = ConfidentRewrite(tokens, i, minimumShare, inContext);
            if (inContext)
            {
                InsertPrefix(output, tokens, i, rewrite, minimumShare);
            }

            output.AddRange(rewrite);
        }

        if (inContext)
        {
            articles.Agree(output);
        }

        QuotationMarks.DropUnopened(output);

        for (int i = 0; i < output.Count; i++)
        {
            if (output[i].IsWord && LookupText.StartsSentence(i == 0 ? null : output[i - 1]))
            {
                output[i] = output[i] with { Text = LookupText.Capitalize(output[i].Text) };
            }
        }

        return LookupText.Join(output);
    }

    /// <summary>
    /// Makes every "a"/"an" of <paramref name="tokens"/> agree with the word after it as the training targets write them
    /// ("a expanse" → "an expanse", "an hundred" → "a hundred"); returns whether it changed one. Nothing changes with a
    /// table read from a file older than version 6, which does not hold the targets' articles.
    /// </summary>
    internal bool AgreeArticles(List<LookupToken> tokens) => articles.Agree(tokens);

    /// <summary>
    /// What the lookup writes for one source token, before sentence starts are capitalised: the token itself when copied,
    /// nothing when deleted, else its replacement's tokens (the first capitalised when the source word is, spaced as the
    /// source token was, or as in the targets when a word replaces a punctuation mark or back).
    /// </summary>
    internal List<LookupToken> RewriteToken(LookupToken token) => RewriteToken(token, Replacement(token.Text));

    private static List<LookupToken> RewriteToken(LookupToken token, string? replacement)
    {
        if (replacement is null)
        {
            return [token];
        }

        if (replacement.Length == 0)
        {
            return [];
        }

        bool learnedSpace = replacement[0] == ' ';
        List<LookupToken> group = LookupText.Tokenize(learnedSpace ? replacement[1..] : replacement);
        LookupToken first = group[0];
        bool space = first.IsWord == token.IsWord ? token.SpaceBefore : learnedSpace;
        string text = token.IsWord && first.IsWord && char.IsUpper(token.Text[0]) ? LookupText.Capitalize(first.Text) : first.Text;
        group[0] = first with { Text = text, SpaceBefore = space };
        return group;
    }

    /// <summary>
    /// What the lookup writes for source token <paramref name="i"/> of <paramref name="tokens"/>: as
    /// <see cref="RewriteToken(LookupToken)"/>, or with <paramref name="inContext"/> by the surest of its own and its
    /// neighbour contexts' predictions (whatever their share).
    /// </summary>
    internal List<LookupToken> RewriteToken(IReadOnlyList<LookupToken> tokens, int i, bool inContext) =>
        inContext && SurerContext(tokens, i) is { } context ? RewriteToken(tokens[i], context.Replacement) : RewriteToken(tokens[i]);

    /// <summary>
    /// Whether the lookup's rewrite at <paramref name="minimumShare"/> (<see cref="Rewrite(string, double, bool)"/>) copies
    /// source token <paramref name="i"/> unchanged: its prediction is itself, or less sure than the share.
    /// </summary>
    internal bool Copies(IReadOnlyList<LookupToken> tokens, int i, double minimumShare, bool inContext)
    {
        List<LookupToken> rewrite = ConfidentRewrite(tokens, i, minimumShare, inContext);
        return rewrite.Count == 1 && LookupText.Lower(rewrite[0].Text) == LookupText.Lower(tokens[i].Text);
    }

    /// <summary>
    /// What <see cref="Rewrite(string, double, bool)"/> writes for token <paramref name="i"/>: its prediction (in context,
    /// the surest of its own and its neighbour contexts') when at least <paramref name="minimumShare"/> sure, else, in
    /// context, its prediction next to a neighbour that is rewritten through the same pair (<see cref="PairedContext"/>),
    /// else the token itself.
    /// </summary>
    private List<LookupToken> ConfidentRewrite(IReadOnlyList<LookupToken> tokens, int i, double minimumShare, bool inContext)
    {
        List<LookupToken> rewrite = ConfidentReplacement(tokens, i, minimumShare, inContext);
        return inContext && rewrite.Count > 0 && contexts.TryAhead(tokens, i, out WordContextPrediction ahead) && ahead.Share >= minimumShare
            && InsertsAfter(rewrite, ahead.Replacement!)
            ? RewriteToken(tokens[i], ahead.Replacement)
            : rewrite;
    }

    /// <summary>Whether a learned insertion's group starts with the tokens of <paramref name="rewrite"/> (lower-cased) and adds more.</summary>
    private static bool InsertsAfter(List<LookupToken> rewrite, string group)
    {
        List<LookupToken> extended = LookupText.Tokenize(group);
        return extended.Count > rewrite.Count && rewrite.Select(t => LookupText.Lower(t.Text)).SequenceEqual(extended.Take(rewrite.Count).Select(t => LookupText.Lower(t.Text)));
    }

    private List<LookupToken> ConfidentReplacement(IReadOnlyList<LookupToken> tokens, int i, double minimumShare, bool inContext)
    {
        LookupToken token = tokens[i];
        if (inContext && DeletedWithPair(tokens, i, minimumShare))
        {
            return [];
        }

        if (inContext && SurerContext(tokens, i) is { } context)
        {
            if (context.Share >= minimumShare)
            {
                return RewriteToken(token, context.Replacement);
            }
        }
        else if (minimumShare <= 0 || IsSure(token.Text, minimumShare))
        {
            return RewriteToken(token);
        }

        return inContext && PairedContext(tokens, i, minimumShare) is { } paired ? RewriteToken(token, paired.Replacement) : [token];
    }

    /// <summary>The lower-cased first word of token <paramref name="i"/>'s prediction (in context or not; the token itself when copied), or null when deleted.</summary>
    internal string? PredictedFirstWord(IReadOnlyList<LookupToken> tokens, int i, bool inContext) =>
        inContext && SurerContext(tokens, i) is { } context ? FirstWord(tokens[i].Text, context.Replacement) : PredictedFirstWord(tokens[i].Text);

    /// <summary>The lower-cased first word of a source token's prediction (the token itself when copied), or null when deleted.</summary>
    internal string? PredictedFirstWord(string token) => FirstWord(token, Replacement(token));

    private static string? FirstWord(string token, string? replacement)
    {
        if (replacement is null)
        {
            return LookupText.Lower(token);
        }

        return replacement.Trim().Length == 0 ? null : LookupText.Lower(LookupText.Tokenize(replacement)[0].Text);
    }

    /// <summary>Rewrites every source text (<see cref="Rewrite"/>).</summary>
    /// <param name="sources">The source texts.</param>
    /// <returns>One rewrite per source, in order.</returns>
    /// <exception cref="ArgumentException">A text is null.</exception>
    public IReadOnlyList<string> RewriteAll(IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return sources.Select((s, i) => Rewrite(s ?? throw new ArgumentException($"sources[{i}] is null.", nameof(sources)))).ToList();
    }

    /// <summary>
    /// Writes the table as UTF-8 text (no byte order mark): a header line, then one line per source key seen in training,
    /// sorted ordinally: <c>key</c>, its occurrences, its occurrences aligned to a target token and, when the lookup
    /// rewrites it, the replacement (empty for a deletion, a leading space when it follows white space), tab-separated.
    /// A table loaded from an older file without counts is written in that older format (<c>key</c>, a tab and the
    /// replacement; the key alone for a copied word in capitals).
    /// </summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        File.WriteAllText(path, ToText(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The text <see cref="Save"/> writes.</summary>
    public string ToText() => WordLookupFile.Write(table, counts, contexts, articles);

    /// <summary>Reads a table written by <see cref="Save"/> (either format).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a word lookup table (the line is named).</exception>
    public static WordLookupBaseline Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        (Dictionary<string, string?> table, Dictionary<string, WordLookupCounts> counts, WordContextTable contexts, ArticleUsage articles) = WordLookupFile.Read(path);
        return new WordLookupBaseline(table, counts, contexts, articles);
    }

    private double WordShare(string word) => TryGetCounts(word, out WordLookupCounts c) ? c.PredictedShare ?? 0 : 1;

    /// <summary>
    /// Whether the word's prediction has at least the share (an unseen word is copied either way) and is not the deletion of
    /// a word seen fewer than <see cref="MinimumDeletedOccurrences"/> times.
    /// </summary>
    private bool IsSure(string word, double minimumShare) =>
        !TryGetCounts(word, out WordLookupCounts c)
        || (c.PredictedShare >= minimumShare && !(c.Occurrences < MinimumDeletedOccurrences && Replacement(word) is { Length: 0 }));

    private string? Replacement(string word) => LookupText.TryResolve(table, word, out string? replacement) ? replacement : null;
}
