using System.Text;

namespace Smoothie.Architecture.Tests;

/// <summary>
/// C# source with everything that is not code blanked out: comments, preprocessor lines, and string and character
/// literals (regular, verbatim, interpolated — whose holes stay code — and raw) become spaces, line breaks kept, so
/// that braces and parentheses can be matched by counting and line numbers stay those of the file.
/// </summary>
internal sealed class CodeText
{
    private readonly string source;
    private readonly StringBuilder code;
    private int at;

    private CodeText(string source)
    {
        this.source = source.Replace("\r\n", "\n", StringComparison.Ordinal);
        code = new StringBuilder(this.source.Length);
    }

    /// <summary>The code of <paramref name="source"/>, same length and same line breaks, literals and comments blanked.</summary>
    public static string Blank(string source)
    {
        var text = new CodeText(source);
        text.Code(stopAtClosingBrace: false);
        return text.code.ToString();
    }

    private char Current => source[at];

    private char Peek(int offset) => at + offset < source.Length ? source[at + offset] : '\0';

    /// <summary>Copies code until the end, or (inside an interpolation hole) until its unmatched closing brace.</summary>
    private void Code(bool stopAtClosingBrace)
    {
        int depth = 0;
        while (at < source.Length)
        {
            char c = Current;
            if (c == '/' && Peek(1) == '/')
            {
                SkipUntilLineEnd();
            }
            else if (c == '/' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else if (c == '#' && AtLineStart())
            {
                SkipUntilLineEnd();
            }
            else if (c == '\'')
            {
                SkipCharLiteral();
            }
            else if (IsStringStart(out int prefix))
            {
                SkipString(prefix);
            }
            else
            {
                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && depth-- == 0 && stopAtClosingBrace)
                {
                    return;
                }

                Keep();
            }
        }
    }

    private bool AtLineStart()
    {
        for (int i = at - 1; i >= 0 && source[i] != '\n'; i--)
        {
            if (!char.IsWhiteSpace(source[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a string literal starts here; <paramref name="prefix"/> counts its <c>$</c> and <c>@</c> characters.</summary>
    private bool IsStringStart(out int prefix)
    {
        prefix = 0;
        while (Peek(prefix) is '$' or '@')
        {
            prefix++;
        }

        return Peek(prefix) == '"' && (prefix > 0 || Current == '"');
    }

    private void SkipString(int prefix)
    {
        string marks = source.Substring(at, prefix);
        bool interpolated = marks.Contains('$', StringComparison.Ordinal);
        bool verbatim = marks.Contains('@', StringComparison.Ordinal);
        Blank(prefix);
        int quotes = 0;
        while (Peek(quotes) == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            SkipRawString(quotes);
            return;
        }

        Blank(1);
        while (at < source.Length)
        {
            char c = Current;
            if (c == '\\' && !verbatim)
            {
                Blank(2);
            }
            else if (c == '"' && verbatim && Peek(1) == '"')
            {
                Blank(2);
            }
            else if (c == '"')
            {
                Blank(1);
                return;
            }
            else if (interpolated && c == '{' && Peek(1) == '{')
            {
                Blank(2);
            }
            else if (interpolated && c == '{')
            {
                Blank(1);
                Code(stopAtClosingBrace: true);
                Blank(1);
            }
            else
            {
                Blank(1);
            }
        }
    }

    /// <summary>A raw string (<c>"""</c> or more): ends at the same number of quotes; its holes are not looked into.</summary>
    private void SkipRawString(int quotes)
    {
        Blank(quotes);
        string end = new('"', quotes);
        while (at < source.Length && string.CompareOrdinal(source, at, end, 0, quotes) != 0)
        {
            Blank(1);
        }

        Blank(quotes);
    }

    private void SkipCharLiteral()
    {
        Blank(1);
        while (at < source.Length && Current != '\'' && Current != '\n')
        {
            Blank(Current == '\\' ? 2 : 1);
        }

        Blank(1);
    }

    private void SkipUntilLineEnd()
    {
        while (at < source.Length && Current != '\n')
        {
            Blank(1);
        }
    }

    private void SkipBlockComment()
    {
        Blank(2);
        while (at < source.Length && !(Current == '*' && Peek(1) == '/'))
        {
            Blank(1);
        }

        Blank(2);
    }

    private void Keep()
    {
        code.Append(Current);
        at++;
    }

    /// <summary>Replaces the next <paramref name="count"/> characters by spaces, keeping line breaks.</summary>
    private void Blank(int count)
    {
        for (int i = 0; i < count && at < source.Length; i++, at++)
        {
            code.Append(Current == '\n' ? '\n' : ' ');
        }
    }
}
