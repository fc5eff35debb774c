using System.Globalization;

namespace Smoothie.Evaluation;

/// <summary>
/// The word splitting of the reader metrics (<see cref="ReaderMetrics"/>, <see cref="TargetWordList"/>,
/// <see cref="WordEdits"/>). A word is a run of letters, digits and combining marks, with apostrophes (<c>'</c> or
/// <c>’</c>, both read as <c>'</c>) allowed between two such characters (don't, Abraham's); every other character that is
/// not white space is a punctuation token of its own (so a leading or trailing apostrophe is punctuation).
/// </summary>
internal static class ReaderWords
{
    /// <summary>The lower-cased words of <paramref name="text"/>, in order; punctuation is dropped.</summary>
    public static List<string> LowerWords(string text)
    {
        var words = new List<string>();
        foreach ((string token, bool isWord) in Split(text))
        {
            if (isWord)
            {
                words.Add(token.ToLowerInvariant());
            }
        }

        return words;
    }

    /// <summary>The words (case kept) and punctuation tokens of <paramref name="text"/>, in order.</summary>
    public static string[] Tokens(string text) => Split(text).Select(t => t.Token).ToArray();

    /// <summary>Counts the items of a sequence (a multiset).</summary>
    public static Dictionary<string, int> Counts(IEnumerable<string> items)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string item in items)
        {
            counts[item] = counts.GetValueOrDefault(item) + 1;
        }

        return counts;
    }

    private static List<(string Token, bool IsWord)> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<(string, bool)>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (PythonText.IsWhiteSpace(c))
            {
                i++;
            }
            else if (IsWordChar(c))
            {
                int start = i;
                while (i < text.Length && (IsWordChar(text[i]) || (IsApostrophe(text[i]) && i + 1 < text.Length && IsWordChar(text[i + 1]))))
                {
                    i++;
                }

                tokens.Add((text[start..i].Replace('\u2019', '\''), true));
            }
            else
            {
                // A surrogate pair outside letters (an emoji) stays one token.
                int length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                tokens.Add((IsApostrophe(c) ? "'" : text.Substring(i, length), false));
                i += length;
            }
        }

        return tokens;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
