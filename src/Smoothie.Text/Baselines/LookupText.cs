using System.Globalization;
using System.Text;

namespace Smoothie.Text.Baselines;

/// <summary>
/// The word splitting, keys, casing and joining of <see cref="WordLookupBaseline"/>. A word is a run of letters, digits
/// and combining marks with apostrophes (<c>'</c> or <c>’</c>) allowed between two of them (Abraham’s stays one word);
/// every other character that is not white space is a punctuation token of its own.
/// </summary>
internal static class LookupText
{
    /// <summary>The words and punctuation marks of <paramref name="text"/>, in order.</summary>
    public static List<LookupToken> Tokenize(string text)
    {
        var tokens = new List<LookupToken>();
        bool space = false;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                i++;
                continue;
            }

            int start = i;
            if (IsWordChar(c))
            {
                while (i < text.Length && (IsWordChar(text[i]) || (IsApostrophe(text[i]) && i + 1 < text.Length && IsWordChar(text[i + 1]))))
                {
                    i++;
                }
            }
            else
            {
                i += char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            }

            tokens.Add(new LookupToken(text[start..i], space, IsWordChar(c)));
            space = false;
        }

        return tokens;
    }

    /// <summary>The comparison form of a token: lower-cased, with <c>’</c> read as <c>'</c>.</summary>
    public static string Lower(string token) => token.Replace('\u2019', '\'').ToLowerInvariant();

    /// <summary>
    /// The lookup key of a source token: a word with an upper-case first letter keeps its case (KJV's sentence-initial
    /// "And", "LORD" apart from "Lord"), with <c>’</c> read as <c>'</c>; any other token is <see cref="Lower"/>.
    /// </summary>
    public static string Key(string token) => IsCased(token) ? token.Replace('\u2019', '\'') : Lower(token);

    /// <summary>
    /// The key of a neighbour in a context (<see cref="WordContextCounter"/>): <see cref="Lower"/>, except that a word
    /// written in capitals keeps them (with <c>’</c> read as <c>'</c>), so that "the LORD" (→ "Yahweh") and "the Lord"
    /// (kept) are told apart.
    /// </summary>
    public static string NeighbourKey(string token) => IsCapitals(token) ? token.Replace('\u2019', '\'') : Lower(token);

    /// <summary>Whether a token starts with an upper-case letter (its <see cref="Key"/> keeps its case).</summary>
    public static bool IsCased(string token) => token.Length > 0 && char.IsUpper(token[0]);

    /// <summary>
    /// Looks a source token up: under its cased key when it has one and the table holds it, otherwise under its
    /// lower-cased key. A found null value means "copy".
    /// </summary>
    public static bool TryResolve(IReadOnlyDictionary<string, string?> table, string token, out string? replacement) =>
        (IsCased(token) && table.TryGetValue(Key(token), out replacement)) || table.TryGetValue(Lower(token), out replacement);

    /// <summary>Whether a word has two or more letters and no lower-case letter.</summary>
    public static bool IsCapitals(string token)
    {
        int letters = 0;
        foreach (char c in token)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            letters += char.IsUpper(c) ? 1 : 0;
        }

        return letters >= 2;
    }

    /// <summary>
    /// Joins tokens with their own spacing (a single space where white space was), except that no space follows an
    /// opening quotation mark or bracket (“ ‘ ( [) and none precedes a closing one (” ) ]) or , . ; : ! ?.
    /// </summary>
    public static string Join(IEnumerable<LookupToken> tokens)
    {
        var builder = new StringBuilder();
        string previous = string.Empty;
        foreach (LookupToken token in tokens)
        {
            if (token.SpaceBefore && builder.Length > 0 && previous is not ("“" or "‘" or "(" or "[") && token.Text is not ("”" or ")" or "]" or "," or "." or ";" or ":" or "!" or "?"))
            {
                builder.Append(' ');
            }

            builder.Append(token.Text);
            previous = token.Text;
        }

        return builder.ToString();
    }

    /// <summary>Whether the token after <paramref name="previous"/> starts a sentence (the first token, or after . ! ?).</summary>
    public static bool StartsSentence(LookupToken? previous) => previous is null || previous.Value.Text is "." or "!" or "?";

    /// <summary><paramref name="text"/> with its first letter upper-cased (unchanged when it does not start with a letter).</summary>
    public static string Capitalize(string text) =>
        text.Length > 0 && char.IsLower(text[0]) ? char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..] : text;

    /// <summary><paramref name="text"/> with its first letter lower-cased unless the first word is written in capitals.</summary>
    public static string Decapitalize(string text)
    {
        if (text.Length == 0 || !char.IsUpper(text[0]))
        {
            return text;
        }

        int end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return IsCapitals(text[..end]) ? text : char.ToLower(text[0], CultureInfo.InvariantCulture) + text[1..];
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    /// <summary>Whether a token (or a neighbour key) is a word rather than a punctuation mark: its first character is a word's.</summary>
    public static bool IsWordToken(string token) => token.Length > 0 && IsWordChar(token[0]);

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
