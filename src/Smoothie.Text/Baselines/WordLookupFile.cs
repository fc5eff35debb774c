using System.Globalization;
using System.Text;

namespace Smoothie.Text.Baselines;

/// <summary>
/// The text file of a <see cref="WordLookupBaseline"/> (UTF-8, no byte order mark, <c>\n</c> line ends, keys sorted
/// ordinally after a header line). Version 2 (written when the counts are known) has one line per source key seen in
/// training: <c>key</c>, the occurrences, the occurrences aligned to a target token and, for a key the lookup rewrites,
/// the replacement (empty for a deletion, a leading space when it follows white space); without that column the word
/// is copied. Version 1 (older files, read only when loaded without counts) has <c>key</c>, a tab and the replacement,
/// or the key alone for a copied word in capitals. Version 3 (written since the counts include it) adds, after the two
/// counts, the occurrences aligned to the predicted group (<see cref="WordLookupCounts.Predicted"/>). Version 4 (written
/// when the lookup was learned with its contexts, <see cref="WordContextCounter"/>, even if none was kept) is version 3 followed by one line per
/// context: <c>@before</c> or <c>@after</c>, the two tokens of the context key (neighbour and word, or word and
/// neighbour; the neighbour lower-cased unless written in capitals, <see cref="LookupText.NeighbourKey"/> — files learned
/// before that lower-case every neighbour, and a neighbour in capitals is looked up under its lower-cased key too), the context's occurrences, its occurrences aligned to the prediction and, unless the word is copied there,
/// the replacement (no token is ever <c>@before</c> or <c>@after</c>: <c>@</c> is a token of its own). Version 5 adds
/// <c>@ahead</c> lines (a word, the two tokens after it, the counts and the words inserted after the word's rewrite).
/// Version 6 (written when learned since the predictions before any punctuation mark are) allows
/// <see cref="WordContextCounter.AnyMark"/> as the second token of an <c>@after</c> line: the word's prediction before a
/// mark that has no line of its own; and ends with one <c>@article</c> line per word the targets wrote after "a" or "an"
/// (<see cref="ArticleUsage"/>): the word and the two counts.
/// </summary>
internal static class WordLookupFile
{
    /// <summary>The first line of a version 1 file.</summary>
    public const string HeaderV1 = "# Smoothie word lookup baseline v1: key<TAB>replacement (empty: deleted; a leading space: written after a space); a key alone: copied";

    /// <summary>The first line of a version 2 file.</summary>
    public const string HeaderV2 = "# Smoothie word lookup baseline v2: key<TAB>occurrences<TAB>occurrences aligned to a target token[<TAB>replacement (empty: deleted; a leading space: written after a space)]; no replacement: copied";

    /// <summary>The first line of a version 3 file.</summary>
    public const string HeaderV3 = "# Smoothie word lookup baseline v3: key<TAB>occurrences<TAB>occurrences aligned to a target token<TAB>occurrences aligned to the prediction[<TAB>replacement (empty: deleted; a leading space: written after a space)]; no replacement: copied";

    /// <summary>The first line of a version 4 file.</summary>
    public const string HeaderV4 = "# Smoothie word lookup baseline v4: version 3 lines, then context lines @before|@after<TAB>first token<TAB>second token<TAB>occurrences<TAB>occurrences aligned to the prediction[<TAB>replacement]";

    /// <summary>The first line of a version 5 file.</summary>
    public const string HeaderV5 = "# Smoothie word lookup baseline v5: version 4 lines, then insertion lines @ahead<TAB>token<TAB>next token<TAB>token after that<TAB>occurrences<TAB>occurrences aligned to the prediction<TAB>replacement";

    /// <summary>The first line of a version 6 file.</summary>
    public const string HeaderV6 = "# Smoothie word lookup baseline v6: version 5 lines; an @after line whose second token is <mark> holds the word's prediction before any punctuation mark without a line of its own; then article lines @article<TAB>word<TAB>times after a<TAB>times after an";

    /// <summary>The first line of a version 7 file.</summary>
    public const string HeaderV7 = "# Smoothie word lookup baseline v7: version 6 lines, then prefix lines @prefix<TAB>word<TAB>the word's occurrences<TAB>occurrences after the prefix<TAB>the words the targets insert before the word's rewrite, then trigger lines @trigger<TAB>deleted word<TAB>word after a later mark<TAB>occurrences<TAB>occurrences aligned to the prediction[<TAB>replacement]";

    private const string PrefixMark = "@prefix";
    private const string TriggerMark = "@trigger";
    private const string AheadMark = "@ahead";
    private const string ArticleMark = "@article";
    private const string BeforeMark = "@before";
    private const string AfterMark = "@after";

    /// <summary>The file's text: version 4 when the contexts are known, else version 3 when every count has <see cref="WordLookupCounts.Predicted"/>, else version 2 when <paramref name="counts"/> is not empty, else version 1.</summary>
    public static string Write(IReadOnlyDictionary<string, string?> table, IReadOnlyDictionary<string, WordLookupCounts> counts, WordContextTable contexts, ArticleUsage articles)
    {
        bool v3 = counts.Count > 0 && counts.Values.All(c => c.Predicted is not null);
        bool v4 = v3 && contexts.Known;
        bool v5 = v4 && contexts.Ahead is not null;
        bool v6 = v5 && contexts.MarksKnown && articles.Known;
        bool v7 = v6 && contexts.Prefixes is not null && contexts.Triggers is not null;
        var builder = new StringBuilder(v7 ? HeaderV7 : v6 ? HeaderV6 : v5 ? HeaderV5 : v4 ? HeaderV4 : v3 ? HeaderV3 : counts.Count > 0 ? HeaderV2 : HeaderV1).Append('\n');
        IEnumerable<string> keys = table.Keys.Union(counts.Keys).Order(StringComparer.Ordinal);
        foreach (string key in keys)
        {
            builder.Append(key);
            if (counts.Count > 0)
            {
                WordLookupCounts c = counts.GetValueOrDefault(key);
                builder.Append('\t').Append(c.Occurrences.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(c.NonEmpty.ToString(CultureInfo.InvariantCulture));
                if (v3)
                {
                    builder.Append('\t').Append(c.Predicted.GetValueOrDefault().ToString(CultureInfo.InvariantCulture));
                }
            }

            if (table.TryGetValue(key, out string? value) && value is not null)
            {
                builder.Append('\t').Append(value);
            }

            builder.Append('\n');
        }

        if (v4)
        {
            WriteContexts(builder, BeforeMark, contexts.Before);
            WriteContexts(builder, AfterMark, contexts.After);
            if (contexts.Ahead is not null)
            {
                WriteContexts(builder, AheadMark, contexts.Ahead);
            }
        }

        if (v6)
        {
            foreach ((string word, (int a, int an)) in articles.Words.OrderBy(w => w.Key, StringComparer.Ordinal))
            {
                builder.Append(ArticleMark).Append('\t').Append(word).Append('\t')
                    .Append(a.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(an.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        if (v7)
        {
            WriteContexts(builder, PrefixMark, contexts.Prefixes!);
            WriteContexts(builder, TriggerMark, contexts.Triggers!);
        }

        return builder.ToString();
    }

    private static void WriteContexts(StringBuilder builder, string mark, Dictionary<string, WordContextPrediction> contexts)
    {
        foreach ((string key, WordContextPrediction p) in contexts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            builder.Append(mark).Append('\t').Append(key.Replace(' ', '\t')).Append('\t')
                .Append(p.Occurrences.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(p.Predicted.ToString(CultureInfo.InvariantCulture));
            if (p.Replacement is not null)
            {
                builder.Append('\t').Append(p.Replacement);
            }

            builder.Append('\n');
        }
    }

    /// <summary>Reads a file of either version.</summary>
    /// <exception cref="InvalidDataException">The file is not a word lookup table (the line is named).</exception>
    public static (Dictionary<string, string?> Table, Dictionary<string, WordLookupCounts> Counts, WordContextTable Contexts, ArticleUsage Articles) Read(string path)
    {
        var articles = new Dictionary<string, (int A, int An)>(StringComparer.Ordinal);
        var table = new Dictionary<string, string?>(StringComparer.Ordinal);
        var counts = new Dictionary<string, WordLookupCounts>(StringComparer.Ordinal);
        var before = new Dictionary<string, WordContextPrediction>(StringComparer.Ordinal);
        var after = new Dictionary<string, WordContextPrediction>(StringComparer.Ordinal);
        var ahead = new Dictionary<string, WordContextPrediction>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, WordContextPrediction>(StringComparer.Ordinal);
        var triggers = new Dictionary<string, WordContextPrediction>(StringComparer.Ordinal);
        int number = 0;
        int version = 0;
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (number == 1)
            {
                version = line == HeaderV7 ? 7 : line == HeaderV6 ? 6 : line == HeaderV5 ? 5 : line == HeaderV4 ? 4 : line == HeaderV3 ? 3 : line == HeaderV2 ? 2 : line == HeaderV1 ? 1 : 0;
                if (version == 0)
                {
                    throw new InvalidDataException($"{path}, line 1: not a Smoothie word lookup table (expected the header \"{HeaderV7}\", \"{HeaderV6}\", \"{HeaderV5}\", \"{HeaderV4}\", \"{HeaderV3}\", \"{HeaderV2}\" or \"{HeaderV1}\").");
                }

                continue;
            }

            if (version >= 7 && line.StartsWith(PrefixMark + "\t", StringComparison.Ordinal))
            {
                if (!ReadPrefix(line, prefixes))
                {
                    throw new InvalidDataException($"{path}, line {number}: expected {PrefixMark}, a new lower-case word without white space, the word's occurrences, its occurrences after the prefix (no more than the occurrences) and the prefix (words separated by single spaces), tab-separated; got \"{line}\".");
                }
            }
            else if (version >= 7 && line.StartsWith(TriggerMark + "\t", StringComparison.Ordinal))
            {
                string[] fields = line.Split('\t', 6);
                if (!(fields.Length >= 5 && fields[1] == LookupText.Lower(fields[1]) && fields[2] == LookupText.Lower(fields[2])
                    && TryPrediction(fields, 3, out WordContextPrediction prediction) && triggers.TryAdd(WordTriggerCounter.Key(fields[1], fields[2]), prediction)))
                {
                    throw new InvalidDataException($"{path}, line {number}: expected {TriggerMark}, a new pair of lower-case words without white space, the pair's occurrences, its occurrences aligned to the prediction (no more than the occurrences) and optionally the replacement, tab-separated; got \"{line}\".");
                }
            }
            else if (version >= 6 && line.StartsWith(ArticleMark + "\t", StringComparison.Ordinal))
            {
                if (!ReadArticle(line, articles))
                {
                    throw new InvalidDataException($"{path}, line {number}: expected {ArticleMark}, a new lower-case word without white space, and the times the targets wrote it after \"a\" and after \"an\" (not both 0), tab-separated; got \"{line}\".");
                }
            }
            else if (version >= 5 && line.StartsWith(AheadMark + "\t", StringComparison.Ordinal))
            {
                if (!ReadAhead(line, ahead))
                {
                    throw new InvalidDataException($"{path}, line {number}: expected {AheadMark}, three tokens without white space, the context's occurrences, its occurrences aligned to the prediction (no more than the occurrences) and the replacement, tab-separated; got \"{line}\".");
                }
            }
            else if (version >= 4 && (line.StartsWith(BeforeMark + "\t", StringComparison.Ordinal) || line.StartsWith(AfterMark + "\t", StringComparison.Ordinal)))
            {
                if (!ReadContext(line, before, after, version >= 6))
                {
                    throw new InvalidDataException($"{path}, line {number}: expected {BeforeMark} or {AfterMark}, two tokens without white space, the context's occurrences, its occurrences aligned to the prediction (no more than the occurrences) and optionally the replacement, tab-separated; got \"{line}\".");
                }
            }
            else if (line.Length > 0 && !(version > 1 ? ReadCounted(line, version >= 3, table, counts) : ReadV1(line, table)))
            {
                string expected = version > 1
                    ? $"a new key without white space, its {(version == 3 ? "three" : "two")} counts and optionally its replacement, tab-separated"
                    : "a new key without white space, a tab and its replacement";
                throw new InvalidDataException($"{path}, line {number}: expected {expected}; got \"{line}\".");
            }
        }

        if (number == 0)
        {
            throw new InvalidDataException($"{path} is empty: not a Smoothie word lookup table.");
        }

        return (table, counts, new WordContextTable(before, after, known: version >= 4, version >= 5 ? ahead : null, marksKnown: version >= 6, version >= 7 ? prefixes : null, version >= 7 ? triggers : null), new ArticleUsage(articles, known: version >= 6));
    }

    /// <summary>Reads a context line; <see cref="WordContextCounter.AnyMark"/> is a neighbour only after a word, and only with <paramref name="anyMark"/> (version 6).</summary>
    private static bool ReadContext(string line, Dictionary<string, WordContextPrediction> before, Dictionary<string, WordContextPrediction> after, bool anyMark)
    {
        string[] fields = line.Split('\t', 6);
        bool beforeAnyMark = fields.Length >= 3 && fields[2] == WordContextCounter.AnyMark;
        return fields.Length >= 5 && TryPrediction(fields, 3, out WordContextPrediction prediction)
            && fields[1] != WordContextCounter.AnyMark && (!beforeAnyMark || (anyMark && fields[0] == AfterMark))
            && (fields[0] == BeforeMark ? before : after).TryAdd(WordContextCounter.Key(fields[1], fields[2]), prediction);
    }

    private static bool ReadArticle(string line, Dictionary<string, (int A, int An)> articles)
    {
        string[] fields = line.Split('\t');
        return fields.Length == 4 && ValidKey(fields[1]) && fields[1] == LookupText.Lower(fields[1])
            && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int a)
            && int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out int an)
            && a + an > 0 && articles.TryAdd(fields[1], (a, an));
    }

    private static bool ReadPrefix(string line, Dictionary<string, WordContextPrediction> prefixes)
    {
        string[] fields = line.Split('\t', 5);
        return fields.Length == 5 && fields[1] == LookupText.Lower(fields[1]) && TryPrediction(fields, 2, out WordContextPrediction prediction)
            && prediction.Replacement is { } words && LookupText.Tokenize(words) is { Count: > 0 } tokens && tokens.All(t => t.IsWord) && LookupText.Join(tokens) == words
            && prefixes.TryAdd(fields[1], prediction);
    }

    private static bool ReadAhead(string line, Dictionary<string, WordContextPrediction> ahead)
    {
        string[] fields = line.Split('\t', 7);
        return fields.Length == 7 && TryPrediction(fields, 4, out WordContextPrediction prediction)
            && ahead.TryAdd(string.Join(' ', fields[1], fields[2], fields[3]), prediction);
    }

    /// <summary>Reads the key tokens before index <paramref name="counts"/> (each without white space), the two counts there and the optional replacement after them.</summary>
    private static bool TryPrediction(string[] fields, int counts, out WordContextPrediction prediction)
    {
        prediction = default;
        if (!fields[1..counts].All(ValidKey)
            || !int.TryParse(fields[counts], NumberStyles.None, CultureInfo.InvariantCulture, out int occurrences)
            || !int.TryParse(fields[counts + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int predicted)
            || predicted > occurrences)
        {
            return false;
        }

        prediction = new WordContextPrediction(occurrences, predicted, fields.Length == counts + 3 ? fields[counts + 2] : null);
        return true;
    }

    private static bool ReadV1(string line, Dictionary<string, string?> table)
    {
        int tab = line.IndexOf('\t', StringComparison.Ordinal);
        string key = tab < 0 ? line : line[..tab];
        return ValidKey(key) && table.TryAdd(key, tab < 0 ? null : line[(tab + 1)..]);
    }

    private static bool ReadCounted(string line, bool predicted, Dictionary<string, string?> table, Dictionary<string, WordLookupCounts> counts)
    {
        int numbers = predicted ? 3 : 2;
        string[] fields = line.Split('\t', numbers + 2);
        int predictedCount = 0;
        if (fields.Length < numbers + 1 || !ValidKey(fields[0]) || counts.ContainsKey(fields[0])
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int occurrences)
            || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out int nonEmpty)
            || nonEmpty > occurrences
            || (predicted && (!int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out predictedCount) || predictedCount > occurrences)))
        {
            return false;
        }

        string key = fields[0];
        counts[key] = new WordLookupCounts(occurrences, nonEmpty) { Predicted = predicted ? predictedCount : null };
        if (fields.Length == numbers + 2)
        {
            table[key] = fields[numbers + 1];
        }
        else if (LookupText.IsCased(key))
        {
            // A capitalised spelling is listed only when it is predicted apart from its lower-cased word: here, copied.
            table[key] = null;
        }

        return true;
    }

    private static bool ValidKey(string key) => key.Length > 0 && !key.Any(char.IsWhiteSpace);
}
