using System.Text.RegularExpressions;

namespace Smoothie.Architecture.Tests;

/// <summary>
/// Finds the members with a body in one C# file and measures them, by brace matching rather than parsing (the test
/// project references no compiler). The heuristic:
/// <list type="number">
/// <item>comments, preprocessor lines and string/char literals are blanked (<see cref="CodeText"/>), so only code braces count;</item>
/// <item>each <c>{</c> is matched with its <c>}</c>; its <em>header</em> is the code between the previous <c>;</c>,
/// <c>{</c> or <c>}</c> and it, leading attribute sections removed;</item>
/// <item>a header with <c>class</c>, <c>struct</c>, <c>interface</c>, <c>record</c>, <c>enum</c> or <c>namespace</c>
/// before its first parenthesis opens a type (not measured); a block directly inside a type is a member (method,
/// constructor, operator, property, indexer, event, or a field's initializer); inside a member, a block whose header
/// reads <c>get</c>/<c>set</c>/<c>init</c>/<c>add</c>/<c>remove</c> is an accessor and one that reads like
/// <c>Type Name(…)</c> (not a statement keyword) is a local function; other blocks (statements, lambdas, initializers)
/// belong to the member around them and are not measured on their own;</item>
/// <item>a member's length runs from the first line of its header to the line of its closing brace, both included.</item>
/// </list>
/// Expression-bodied members (<c>=&gt;</c> … <c>;</c>) have no braces and are not measured.
/// </summary>
internal static partial class MemberScanner
{
    private enum BlockKind
    {
        Type,
        Member,
        Other,
    }

    private static readonly HashSet<string> StatementKeywords = new(StringComparer.Ordinal)
    {
        "if", "else", "for", "foreach", "while", "do", "switch", "using", "lock", "fixed", "catch", "try", "finally",
        "checked", "unchecked", "unsafe", "return", "yield", "new", "await", "throw", "case", "default", "when",
    };

    /// <summary>The members with a body of <paramref name="source"/>, in the order of their closing braces.</summary>
    public static IReadOnlyList<MeasuredMember> Measure(string source)
    {
        string code = CodeText.Blank(source);
        int[] lineOf = LineNumbers(code);
        var members = new List<MeasuredMember>();
        var open = new Stack<(BlockKind Kind, string? Name, int FirstLine)>();
        int headerStart = 0;
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (c == '{')
            {
                (int start, string header) = Header(code, headerStart, i);
                (BlockKind kind, string? name) = Classify(header, open.Count == 0 ? BlockKind.Type : open.Peek().Kind);
                open.Push((kind, name, lineOf[start]));
                headerStart = i + 1;
            }
            else if (c == '}' || c == ';')
            {
                if (c == '}' && open.TryPop(out var block) && block.Name is not null)
                {
                    members.Add(new MeasuredMember(block.Name, block.FirstLine, lineOf[i] - block.FirstLine + 1));
                }

                headerStart = i + 1;
            }
        }

        return members;
    }

    /// <summary>The 1-based line of every position of <paramref name="code"/> (and of the position after its end).</summary>
    private static int[] LineNumbers(string code)
    {
        var lineOf = new int[code.Length + 1];
        int line = 1;
        for (int i = 0; i < code.Length; i++)
        {
            lineOf[i] = line;
            line += code[i] == '\n' ? 1 : 0;
        }

        lineOf[code.Length] = line;
        return lineOf;
    }

    /// <summary>The header of the block opened at <paramref name="brace"/>: where it starts and its text, attributes removed.</summary>
    private static (int Start, string Text) Header(string code, int from, int brace)
    {
        int start = from;
        while (true)
        {
            while (start < brace && char.IsWhiteSpace(code[start]))
            {
                start++;
            }

            if (start >= brace || code[start] != '[')
            {
                break;
            }

            int depth = 0;
            do
            {
                depth += code[start] == '[' ? 1 : code[start] == ']' ? -1 : 0;
                start++;
            }
            while (start < brace && depth > 0);
        }

        return (start, Whitespace().Replace(code[start..brace], " ").Trim());
    }

    /// <summary>What a block is, and the name to report when it is measured.</summary>
    private static (BlockKind Kind, string? Name) Classify(string header, BlockKind parent)
    {
        int paren = header.IndexOf('(', StringComparison.Ordinal);
        string beforeParen = paren < 0 ? header : header[..paren];
        if (TypeKeyword().IsMatch(beforeParen))
        {
            return (BlockKind.Type, null);
        }

        if (parent == BlockKind.Type)
        {
            return (BlockKind.Member, MemberName(header));
        }

        if (Accessor().IsMatch(header))
        {
            return (BlockKind.Other, header);
        }

        Match local = LocalFunction().Match(header);
        if (local.Success && !StatementKeywords.Contains(local.Groups["first"].Value) && !beforeParen.Contains('=', StringComparison.Ordinal))
        {
            return (BlockKind.Other, local.Groups["name"].Value);
        }

        return (BlockKind.Other, null);
    }

    /// <summary>The identifier before the first parenthesis (methods, constructors), else the last one (properties).</summary>
    private static string MemberName(string header)
    {
        int paren = header.IndexOf('(', StringComparison.Ordinal);
        string head = (paren < 0 ? header : header[..paren]).Split('=')[0];
        MatchCollection words = Identifier().Matches(head);
        return words.Count == 0 ? header : words[^1].Value;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b(class|struct|interface|record|enum|namespace)\b")]
    private static partial Regex TypeKeyword();

    [GeneratedRegex(@"^((public|private|protected|internal)\s+)*(get|set|init|add|remove)$")]
    private static partial Regex Accessor();

    [GeneratedRegex(@"^(?<first>[\w@]+)[^()]*?\s(?<name>[\w@]+)\s*(<[^()]*>)?\s*\(.*\)(\s*where\s.*)?$")]
    private static partial Regex LocalFunction();

    [GeneratedRegex(@"[\w@]+(<[^<>]*>)?")]
    private static partial Regex Identifier();
}
