using System.Text.RegularExpressions;

namespace Smoothie.Samples.Tests;

/// <summary>How the snippet tests compare a Markdown code block with compiled code: trimmed, non-empty lines, in order.</summary>
internal static partial class SnippetText
{
    /// <summary>The trimmed, non-empty lines of <paramref name="code"/>.</summary>
    public static string[] Normalize(string code) =>
        code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    /// <summary>Whether <paramref name="block"/>'s lines occur, consecutively, in <paramref name="source"/>.</summary>
    public static bool ContainsBlock(string[] source, string[] block)
    {
        for (int start = 0; start + block.Length <= source.Length; start++)
        {
            if (source.AsSpan(start, block.Length).SequenceEqual(block))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>```csharp</c> blocks of a Markdown text (group 1: the code).</summary>
    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    public static partial Regex CSharpBlock();
}
