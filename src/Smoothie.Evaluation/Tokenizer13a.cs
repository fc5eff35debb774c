using System.Text;
using System.Text.RegularExpressions;

namespace Smoothie.Evaluation;

/// <summary>
/// sacreBLEU's default <c>13a</c> tokenizer (equivalent to mteval-v13a.pl), ported regex for regex from
/// <c>sacrebleu/tokenizers/tokenizer_13a.py</c> and <c>tokenizer_re.py</c>.
/// </summary>
public static partial class Tokenizer13a
{
    // ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> " \1 ": symbols and punctuation except ' , - . and digits/letters.
    [GeneratedRegex(@"([\{-\~\[-\` -\&\(-\+\:-\@\/])", RegexOptions.CultureInvariant)]
    private static partial Regex Symbols();

    // ([^0-9])([\.,]) -> "\1 \2 ": period and comma unless preceded by a digit.
    [GeneratedRegex(@"([^0-9])([\.,])", RegexOptions.CultureInvariant)]
    private static partial Regex PunctuationAfterNonDigit();

    // ([\.,])([^0-9]) -> " \1 \2": period and comma unless followed by a digit.
    [GeneratedRegex(@"([\.,])([^0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PunctuationBeforeNonDigit();

    // ([0-9])(-) -> "\1 \2 ": dash when preceded by a digit.
    [GeneratedRegex(@"([0-9])(-)", RegexOptions.CultureInvariant)]
    private static partial Regex DashAfterDigit();

    /// <summary>Tokenizes one segment and returns the tokens joined by single spaces.</summary>
    public static string Tokenize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        line = line.Replace("<skipped>", string.Empty, StringComparison.Ordinal)
            .Replace("-\n", string.Empty, StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("&quot;", "\"", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal);
        line = " " + line + " ";
        line = Symbols().Replace(line, " $1 ");
        line = PunctuationAfterNonDigit().Replace(line, "$1 $2 ");
        line = PunctuationBeforeNonDigit().Replace(line, " $1 $2");
        line = DashAfterDigit().Replace(line, "$1 $2 ");
        return string.Join(' ', PythonText.Split(line));
    }

    /// <summary>Tokenizes one segment into its tokens.</summary>
    public static string[] TokenizeToArray(string line) => PythonText.Split(Tokenize(line));
}

/// <summary>Python <c>str</c> whitespace semantics (<c>split()</c>, <c>rstrip()</c>), which sacreBLEU relies on.</summary>
internal static class PythonText
{
    public static bool IsWhiteSpace(char c) => char.IsWhiteSpace(c) || c is >= '\x1c' and <= '\x1f';

    public static string[] Split(string text)
    {
        var tokens = new List<string>();
        int start = -1;
        for (int i = 0; i < text.Length; i++)
        {
            if (IsWhiteSpace(text[i]))
            {
                if (start >= 0)
                {
                    tokens.Add(text[start..i]);
                    start = -1;
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            tokens.Add(text[start..]);
        }

        return tokens.ToArray();
    }

    public static string RStrip(string text)
    {
        int end = text.Length;
        while (end > 0 && IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }

    public static string Join(ReadOnlySpan<string> tokens)
    {
        var builder = new StringBuilder();
        foreach (string token in tokens)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(token);
        }

        return builder.ToString();
    }
}
