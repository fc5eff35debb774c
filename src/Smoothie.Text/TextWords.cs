using System.Globalization;

namespace Smoothie.Text;

/// <summary>
/// Splits text into words and punctuation marks the way BERT's basic tokenizer does before WordPiece (whitespace
/// separates, every punctuation or symbol character is a word of its own), and gives the key a word is compared by
/// (lower-cased, accents removed: what an uncased WordPiece vocabulary sees).
/// </summary>
public static class TextWords
{
    /// <summary>The words and punctuation marks of <paramref name="text"/>, in order.</summary>
    /// <param name="text">Any text.</param>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c) || IsPunctuation(c))
            {
                if (start >= 0)
                {
                    words.Add(text[start..i]);
                    start = -1;
                }

                if (!char.IsWhiteSpace(c))
                {
                    words.Add(c.ToString());
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            words.Add(text[start..]);
        }

        return words;
    }

    /// <summary>The comparison key of a word: lower-cased, accents removed.</summary>
    /// <param name="word">A word.</param>
    public static string Key(string word) => AccentStripper.Strip(word.ToLowerInvariant());

    /// <summary>Whether a character is punctuation or a symbol (BERT's rule: ASCII non-alphanumerics and Unicode P*/S*).</summary>
    /// <param name="c">The character.</param>
    public static bool IsPunctuation(char c)
    {
        if (c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '`' or >= '{' and <= '~')
        {
            return true;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
                or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }

    /// <summary>Whether a word is a single punctuation or symbol character.</summary>
    /// <param name="word">A word from <see cref="Split"/>.</param>
    public static bool IsPunctuationWord(string word) => word.Length == 1 && IsPunctuation(word[0]);

    /// <summary>Whether a word ends a sentence (<c>. ! ?</c>).</summary>
    /// <param name="word">A word.</param>
    public static bool EndsSentence(string word) => word is "." or "!" or "?";

    /// <summary>
    /// Reading a written text: whether the word after <paramref name="punctuation"/> may be capitalised by its position
    /// (after <c>. ! ?</c>, after an opening quotation mark, or after an opening bracket at a sentence start), so its
    /// spelling says nothing about how the word is usually written.
    /// </summary>
    /// <param name="punctuation">A punctuation word.</param>
    /// <param name="atSentenceStart">Whether the text was at a sentence start before it.</param>
    public static bool MayStartSentenceAfter(string punctuation, bool atSentenceStart) =>
        EndsSentence(punctuation) || punctuation is "“" or "‘" || (atSentenceStart && OpensQuote(punctuation));

    /// <summary>Whether a word opens a quotation (“ ‘ " or a left bracket).</summary>
    /// <param name="word">A word.</param>
    public static bool OpensQuote(string word) => word is "“" or "‘" or "(" or "[";
}
