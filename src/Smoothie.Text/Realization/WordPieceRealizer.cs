using System.Text;

namespace Smoothie.Text.Realization;

/// <summary>
/// Turns the lower-cased WordPiece tokens an uncased model writes into text as a reader expects it: pieces joined into
/// whole words, each word spelled as the source spells it (when the source has it away from a sentence start and not
/// in capitals) or as the training targets usually do (<see cref="CasingTable"/>), sentence starts capitalised, and
/// punctuation attached the way English prints it (no space before <c>, . ; : ! ? ” ’ )</c>, none after <c>“ ‘ (</c>,
/// none around <c>—</c>, apostrophes inside words: <c>God’s</c>). Task-independent: nothing here knows what the model
/// rewrites.
/// </summary>
public sealed class WordPieceRealizer
{
    private static readonly HashSet<string> NoSpaceBefore = [",", ".", ";", ":", "!", "?", ")", "]", "}", "”", "%"];
    private static readonly HashSet<string> NoSpaceAfter = ["(", "[", "{", "“", "‘", "$"];
    private static readonly HashSet<string> Apostrophes = ["’", "'"];
    private static readonly HashSet<string> Contractions = ["s", "t", "d", "m", "ll", "re", "ve"];
    private static readonly HashSet<string> Joiners = ["—", "–", "-", "/"];

    /// <summary>Creates a realizer.</summary>
    /// <param name="casing">The usual spellings of the training targets, or null to use the source's only.</param>
    /// <param name="removeRepeats">
    /// Whether a word (or punctuation mark) equal to the one before it is dropped ("and and" → "and"), as non-autoregressive
    /// decoders do (Lee et al., 2018). Default true.
    /// </param>
    public WordPieceRealizer(CasingTable? casing, bool removeRepeats = true)
        : this(casing, removeRepeats, null)
    {
    }

    /// <summary>Creates a realizer that knows the words of the training targets.</summary>
    /// <param name="casing">The usual spellings of the training targets, or null to use the source's only.</param>
    /// <param name="removeRepeats">Whether a word equal to the one before it is dropped.</param>
    /// <param name="targetWords">
    /// The lower-cased words of the training targets, or null: a word in this set is a word in its own right and is never
    /// "repaired" into a longer source word.
    /// </param>
    public WordPieceRealizer(CasingTable? casing, bool removeRepeats, IReadOnlySet<string>? targetWords)
    {
        Casing = casing;
        RemoveRepeats = removeRepeats;
        TargetWords = targetWords;
    }

    /// <summary>Whether consecutive repeated words are dropped.</summary>
    public bool RemoveRepeats { get; }

    /// <summary>The usual spellings, or null.</summary>
    public CasingTable? Casing { get; }

    /// <summary>The lower-cased words of the training targets, or null when unknown.</summary>
    public IReadOnlySet<string>? TargetWords { get; }

    /// <summary>Realizes tokens as text.</summary>
    /// <param name="pieces">WordPiece tokens in order (continuation pieces start with <c>##</c>; no special tokens).</param>
    /// <param name="source">The source text the output rewrites (its spellings are preferred), or null.</param>
    public string Realize(IReadOnlyList<string> pieces, string? source)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        (List<string> words, List<int> pieceCounts) = JoinPieces(pieces);
        if (source is not null)
        {
            RepairFromSource(words, pieceCounts, source);
        }

        if (RemoveRepeats)
        {
            words = words.Where((word, i) => i == 0 || TextWords.Key(word) != TextWords.Key(words[i - 1])).ToList();
        }

        // A text does not start with a comma or a closing mark (left when the word before it was deleted: "And, behold" → ", behold").
        words = words.SkipWhile(w => NoSpaceBefore.Contains(w)).ToList();
        Dictionary<string, List<string?>> sourceSpellings = source is null ? [] : SourceSpellings(source);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var cased = new List<string>(words.Count);
        bool sentenceStart = true;
        foreach (string word in words)
        {
            if (TextWords.IsPunctuationWord(word))
            {
                cased.Add(word);
                sentenceStart = TextWords.EndsSentence(word) || (word is "“" or "‘" && (cased.Count == 1 || cased[^2] is "," or ":" or "." or "?" or "!")) || (sentenceStart && TextWords.OpensQuote(word));
                continue;
            }

            string spelled = Spell(word, sourceSpellings, seen);
            cased.Add(sentenceStart ? Capitalize(spelled) : spelled);
            sentenceStart = false;
        }

        return Join(cased);
    }

    private static (List<string> Words, List<int> PieceCounts) JoinPieces(IReadOnlyList<string> pieces)
    {
        var words = new List<string>(pieces.Count);
        var counts = new List<int>(pieces.Count);
        foreach (string piece in pieces)
        {
            if (piece.StartsWith("##", StringComparison.Ordinal) && piece.Length > 2)
            {
                if (words.Count > 0 && !TextWords.IsPunctuationWord(words[^1]))
                {
                    words[^1] += piece[2..];
                    counts[^1]++;
                }
                else
                {
                    words.Add(piece[2..]);
                    counts.Add(1);
                }
            }
            else if (piece.Length > 0)
            {
                words.Add(piece);
                counts.Add(1);
            }
        }

        return (words, counts);
    }

    /// <summary>
    /// Restores whole words the model broke while copying them from the source: a word the source lacks that is a source
    /// word with its own ending repeated ("abramram" → "abram", "flockss" → "flocks"), or, when it was assembled from several
    /// pieces, the start of a longer source word ("japh" → "japheth", "abimele" → "abimelech"). A word the training targets
    /// use (<see cref="TargetWords"/>, or <see cref="Casing"/> for a capitalised one) is a word in its own right and never repaired ("sow" stays, not "sowest"; "cherubim", not
    /// "cherubims"; "off", not "of").
    /// </summary>
    private void RepairFromSource(List<string> words, List<int> pieceCounts, string source)
    {
        string[] sourceKeys = TextWords.Split(source).Where(w => !TextWords.IsPunctuationWord(w)).Select(TextWords.Key).Distinct().ToArray();
        var known = new HashSet<string>(sourceKeys, StringComparer.Ordinal);
        for (int i = 0; i < words.Count; i++)
        {
            string key = TextWords.Key(words[i]);
            if (known.Contains(key) || TextWords.IsPunctuationWord(words[i]) || TargetWords?.Contains(key) == true || Casing?.Lookup(key) is not null)
            {
                continue;
            }

            string? repaired = sourceKeys
                .Where(s => key.Length > s.Length && key.StartsWith(s, StringComparison.Ordinal) && s.EndsWith(key[s.Length..], StringComparison.Ordinal))
                .OrderByDescending(s => s.Length)
                .FirstOrDefault();
            if (repaired is null && pieceCounts[i] >= 2 && key.Length >= 3)
            {
                repaired = sourceKeys
                    .Where(s => s.Length > key.Length && s.StartsWith(key, StringComparison.Ordinal))
                    .OrderBy(s => s.Length)
                    .FirstOrDefault();
            }

            if (repaired is not null)
            {
                words[i] = repaired;
            }
        }
    }

    /// <summary>
    /// For each word key of the source, the spelling of each of its occurrences in order, or null for an occurrence at a
    /// sentence start or in capitals (which say nothing about how the word is spelled).
    /// </summary>
    private static Dictionary<string, List<string?>> SourceSpellings(string source)
    {
        var spellings = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        bool sentenceStart = true;
        foreach (string word in TextWords.Split(source))
        {
            if (TextWords.IsPunctuationWord(word))
            {
                sentenceStart = TextWords.MayStartSentenceAfter(word, sentenceStart);
                continue;
            }

            bool shouting = word.Length > 1 && word.Any(char.IsLetter) && word.Where(char.IsLetter).All(char.IsUpper);
            string key = TextWords.Key(word);
            if (!spellings.TryGetValue(key, out List<string?>? list))
            {
                list = [];
                spellings[key] = list;
            }

            list.Add(sentenceStart || shouting ? null : word);
            sentenceStart = false;
        }

        return spellings;
    }

    /// <summary>
    /// The k-th occurrence of a word in the output is spelled as the k-th occurrence in the source ("said, Let … and let");
    /// when that one says nothing (a sentence start), as any other occurrence; then as the training targets usually spell it.
    /// </summary>
    private string Spell(string word, Dictionary<string, List<string?>> sourceSpellings, Dictionary<string, int> seen)
    {
        string key = TextWords.Key(word);
        int occurrence = seen.GetValueOrDefault(key);
        seen[key] = occurrence + 1;
        if (sourceSpellings.TryGetValue(key, out List<string?>? spellings))
        {
            string? fromSource = spellings[Math.Min(occurrence, spellings.Count - 1)] ?? spellings.FirstOrDefault(s => s is not null);
            if (fromSource is not null)
            {
                return fromSource;
            }
        }

        return Casing?.Lookup(key) ?? word;
    }

    private static string Capitalize(string word) =>
        word.Length == 0 || !char.IsLower(word[0]) ? word : char.ToUpperInvariant(word[0]) + word[1..];

    private static string Join(List<string> words)
    {
        var text = new StringBuilder();
        bool glueNext = true;
        for (int i = 0; i < words.Count; i++)
        {
            string word = words[i];
            bool glue = glueNext || NoSpaceBefore.Contains(word) || Joiners.Contains(word);
            if (Apostrophes.Contains(word))
            {
                // An apostrophe inside a word (God’s, don’t) or closing a quotation: no space before it either way.
                glue = true;
                bool contraction = i + 1 < words.Count && Contractions.Contains(words[i + 1].ToLowerInvariant());
                glueNext = contraction;
            }
            else
            {
                glueNext = NoSpaceAfter.Contains(word) || Joiners.Contains(word);
            }

            if (!glue)
            {
                text.Append(' ');
            }

            text.Append(word);
        }

        return text.ToString();
    }
}
