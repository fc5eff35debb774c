namespace Smoothie.Text.Baselines;

/// <summary>
/// Counts, while a <see cref="WordLookupLearner"/> aligns the training pairs, the target group every source word is
/// aligned to next to the word before it and next to the word after it, and keeps the contexts that predict more surely
/// than the word alone (<see cref="Build"/>): "we shall" → "we will" where "shall" alone is kept as often as rewritten.
/// Keys are <see cref="Key"/>: the neighbour's <see cref="LookupText.NeighbourKey"/> (lower-cased unless written in
/// capitals; <see cref="Start"/> or <see cref="End"/> at the edges of the text) and the word's <see cref="LookupText.Key"/>,
/// separated by a space (tokens hold no white space).
/// </summary>
internal sealed class WordContextCounter
{
    /// <summary>The neighbour before the first token of a text.</summary>
    public const string Start = "^";

    /// <summary>The neighbour after the last token of a text.</summary>
    public const string End = "$";

    /// <summary>
    /// The neighbour key that stands for any punctuation mark after a word (<see cref="AnyMarkKey"/>); no token is ever
    /// this key, as a mark is a token of one character.
    /// </summary>
    public const string AnyMark = "<mark>";

    /// <summary>The fewest occurrences of a context for its prediction to be kept.</summary>
    public const int MinimumOccurrences = 10;

    /// <summary>The group an insertion context counts when a following token was deleted (no text is written with a NUL).</summary>
    private const string MovedFollower = "\0";

    private readonly Dictionary<string, Dictionary<string, int>> before = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> after = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> ahead = new(StringComparer.Ordinal);

    /// <summary>The key of a word next to a neighbour.</summary>
    public static string Key(string first, string second) => first + " " + second;

    /// <summary>
    /// The key of source token <paramref name="i"/> with the token before it: the neighbour's
    /// <see cref="LookupText.NeighbourKey"/>, or with <paramref name="lowerNeighbour"/> its <see cref="LookupText.Lower"/>
    /// (the key a neighbour in capitals falls back to, and every neighbour's key in tables learned before capitals were kept).
    /// </summary>
    public static string BeforeKey(IReadOnlyList<LookupToken> source, int i, bool lowerNeighbour = false) =>
        Key(i == 0 ? Start : Neighbour(source[i - 1].Text, lowerNeighbour), LookupText.Key(source[i].Text));

    /// <summary>The key of source token <paramref name="i"/> with the token after it (the neighbour's key as in <see cref="BeforeKey"/>).</summary>
    public static string AfterKey(IReadOnlyList<LookupToken> source, int i, bool lowerNeighbour = false) =>
        Key(LookupText.Key(source[i].Text), i + 1 == source.Count ? End : Neighbour(source[i + 1].Text, lowerNeighbour));

    /// <summary>
    /// The key of source token <paramref name="i"/> with the two tokens after it (<see cref="End"/> past the end): the
    /// <see cref="AfterKey"/> and the second neighbour's key, separated by a space.
    /// </summary>
    public static string AheadKey(IReadOnlyList<LookupToken> source, int i) =>
        Key(AfterKey(source, i), i + 2 >= source.Count ? End : Neighbour(source[i + 2].Text, lower: false));

    /// <summary>The key of source token <paramref name="i"/> before any punctuation mark: the word's key and <see cref="AnyMark"/>.</summary>
    public static string AnyMarkKey(IReadOnlyList<LookupToken> source, int i) => Key(LookupText.Key(source[i].Text), AnyMark);

    /// <summary>Forgets the counts of an earlier alignment pass.</summary>
    public void Clear()
    {
        before.Clear();
        after.Clear();
        ahead.Clear();
    }

    /// <summary>
    /// Counts source token <paramref name="i"/> aligned to the lower-cased group <paramref name="group"/>; with
    /// <paramref name="followersKept"/> false (one of the next two tokens aligned to nothing) its group is not counted as
    /// an insertion: "I know not" → "I don’t know" inserts the "not" that is deleted after it.
    /// </summary>
    public void Add(IReadOnlyList<LookupToken> source, int i, string group, bool followersKept)
    {
        Increment(before, BeforeKey(source, i), group);
        Increment(after, AfterKey(source, i), group);
        Increment(ahead, AheadKey(source, i), followersKept ? group : MovedFollower);
    }

    /// <summary>
    /// The contexts seen at least <see cref="MinimumOccurrences"/> times whose most frequent group covers a larger share of
    /// their occurrences than the word's own prediction covers of the word's (<paramref name="wordShare"/>).
    /// </summary>
    /// <param name="wordShare">The share of a word key's occurrences its own prediction covers (0 when unknown).</param>
    /// <param name="best">The most frequent group of a context's counts, given the word key's lower-cased form.</param>
    /// <param name="written">The group as written (empty: deleted), or null when it is the word itself (copied).</param>
    /// <param name="ownGroup">The lower-cased group a word key's own prediction writes (the word itself when copied).</param>
    public (Dictionary<string, WordContextPrediction> Before, Dictionary<string, WordContextPrediction> After, Dictionary<string, WordContextPrediction> Ahead) Build(
        Func<string, double> wordShare, Func<Dictionary<string, int>, string, string> best, Func<string, string, string?> written, Func<string, string> ownGroup)
    {
        Dictionary<string, WordContextPrediction> keptAfter = Keep(after, word: key => key[..key.IndexOf(' ', StringComparison.Ordinal)], wordShare, best, written);
        KeepBeforeAnyMark(keptAfter, best, written, ownGroup);
        return (Keep(before, word: key => key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..], wordShare, best, written),
                keptAfter,
                KeepInsertions(best, written, ownGroup));
    }

    /// <summary>
    /// Adds to <paramref name="kept"/> the predictions of words before any punctuation mark (<see cref="AnyMarkKey"/>): the
    /// counts of a word before every mark whose own context was not kept, pooled, kept when seen at least
    /// <see cref="MinimumOccurrences"/> times and their most frequent group writes a word, differs from the word's own
    /// group and covers more than half of them, and no such mark seen that often on its own prefers another group. A word's
    /// own prediction can be one that never ends a phrase: KJV's "mine" is "my" in 476 of 536 occurrences, but before a
    /// mark it is "mine" ("the silver is mine;"), and "thine" there is "yours".
    /// </summary>
    private void KeepBeforeAnyMark(
        Dictionary<string, WordContextPrediction> kept, Func<Dictionary<string, int>, string, string> best, Func<string, string, string?> written, Func<string, string> ownGroup)
    {
        var pooled = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var frequent = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach ((string key, Dictionary<string, int> counts) in after)
        {
            int space = key.IndexOf(' ', StringComparison.Ordinal);
            string word = key[..space];
            string neighbour = key[(space + 1)..];
            if (neighbour == End || LookupText.IsWordToken(neighbour) || kept.ContainsKey(key))
            {
                continue;
            }

            foreach ((string group, int count) in counts)
            {
                Increment(pooled, word, group, count);
            }

            if (counts.Values.Sum() >= MinimumOccurrences)
            {
                if (!frequent.TryGetValue(word, out HashSet<string>? groups))
                {
                    groups = new HashSet<string>(StringComparer.Ordinal);
                    frequent[word] = groups;
                }

                groups.Add(best(counts, LookupText.Lower(word)));
            }
        }

        foreach ((string word, Dictionary<string, int> counts) in pooled)
        {
            int occurrences = counts.Values.Sum();
            string group = best(counts, LookupText.Lower(word));
            if (occurrences >= MinimumOccurrences && group.Length > 0 && group != MovedFollower && group != ownGroup(word) && 2 * counts[group] > occurrences
                && !(frequent.TryGetValue(word, out HashSet<string>? groups) && groups.Any(g => g != group)))
            {
                kept[Key(word, AnyMark)] = new WordContextPrediction(occurrences, counts[group], written(group, word));
            }
        }
    }

    /// <summary>
    /// The contexts of a word and the two words after it seen at least <see cref="MinimumOccurrences"/> times whose most
    /// frequent group is the word's own group, or its group next to the word after, followed by more tokens, one of them a
    /// word (an insertion: "LORD God of" → "Yahweh, the", where "LORD" is "Yahweh"), and covers a larger share of their
    /// occurrences than that group covers of the word's next to the word after.
    /// </summary>
    private Dictionary<string, WordContextPrediction> KeepInsertions(
        Func<Dictionary<string, int>, string, string> best, Func<string, string, string?> written, Func<string, string> ownGroup)
    {
        var kept = new Dictionary<string, WordContextPrediction>(StringComparer.Ordinal);
        foreach ((string key, Dictionary<string, int> counts) in ahead)
        {
            int occurrences = counts.Values.Sum();
            string[] parts = key.Split(' ');
            string lower = LookupText.Lower(parts[0]);
            string group = occurrences < MinimumOccurrences ? string.Empty : best(counts, lower);
            Dictionary<string, int> next = after[Key(parts[0], parts[1])];
            string nextGroup = best(next, lower);
            if (group.Length > 0 && group != MovedFollower && (Extends(group, nextGroup) || Extends(group, ownGroup(parts[0])))
                && (double)counts[group] / occurrences > (double)next[nextGroup] / next.Values.Sum())
            {
                kept[key] = new WordContextPrediction(occurrences, counts[group], written(group, parts[0]));
            }
        }

        return kept;
    }

    /// <summary>
    /// Whether a group's tokens are those of a non-empty <paramref name="shorter"/> group followed by more, at least one of
    /// them a word (punctuation alone, mostly the targets' quotation marks, is not inserted).
    /// </summary>
    private static bool Extends(string group, string shorter)
    {
        List<LookupToken> tokens = LookupText.Tokenize(group);
        List<LookupToken> prefix = LookupText.Tokenize(shorter);
        return prefix.Count > 0 && tokens.Count > prefix.Count && tokens.Skip(prefix.Count).Any(t => t.IsWord)
            && prefix.Select(t => t.Text).SequenceEqual(tokens.Take(prefix.Count).Select(t => t.Text));
    }

    private static Dictionary<string, WordContextPrediction> Keep(
        Dictionary<string, Dictionary<string, int>> contexts,
        Func<string, string> word,
        Func<string, double> wordShare,
        Func<Dictionary<string, int>, string, string> best,
        Func<string, string, string?> written)
    {
        var kept = new Dictionary<string, WordContextPrediction>(StringComparer.Ordinal);
        foreach ((string key, Dictionary<string, int> counts) in contexts)
        {
            int occurrences = counts.Values.Sum();
            if (occurrences < MinimumOccurrences)
            {
                continue;
            }

            string wordKey = word(key);
            string group = best(counts, LookupText.Lower(wordKey));
            var prediction = new WordContextPrediction(occurrences, counts[group], written(group, wordKey));
            if (prediction.Share > wordShare(wordKey))
            {
                kept[key] = prediction;
            }
        }

        return kept;
    }

    private static string Neighbour(string token, bool lower) => lower ? LookupText.Lower(token) : LookupText.NeighbourKey(token);

    /// <summary>Adds <paramref name="by"/> to the count of <paramref name="group"/> under <paramref name="key"/>.</summary>
    internal static void Increment(Dictionary<string, Dictionary<string, int>> counts, string key, string group, int by = 1)
    {
        if (!counts.TryGetValue(key, out Dictionary<string, int>? inner))
        {
            inner = new Dictionary<string, int>(StringComparer.Ordinal);
            counts[key] = inner;
        }

        inner[group] = inner.GetValueOrDefault(group) + by;
    }
}
