using System.Text.RegularExpressions;

namespace Smoothie.Architecture.Tests;

/// <summary>
/// The repository's one test-naming convention: a test method's name is a sentence in PascalCase, without underscores
/// (<c>GenerateFirstHundredTestVersesEqualsRecordedOutputs</c>), so that test explorers and filters read the same
/// everywhere.
/// </summary>
internal static partial class TestNames
{
    /// <summary>The names of the xunit test methods (<c>[Fact]</c>, <c>[Theory]</c>) declared in <paramref name="source"/>.</summary>
    public static IEnumerable<string> Declared(string source) =>
        TestMethod().Matches(source).Select(m => m.Groups[1].Value);

    /// <summary>Whether <paramref name="name"/> follows the convention.</summary>
    public static bool FollowsConvention(string name) => Convention().IsMatch(name);

    /// <summary>Every test method under <c>tests/</c> that breaks the convention, as <c>file: name</c> (strings and comments blanked first).</summary>
    public static IReadOnlyList<string> Offenders(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Declared(CodeText.Blank(File.ReadAllText(f))).Where(n => !FollowsConvention(n)).Select(n => $"{Path.GetRelativePath(root, f)}: {n}"))
            .Order(StringComparer.Ordinal)
            .ToList();

    [GeneratedRegex(@"\[(?:Fact|Theory)(?:\([^\n]*\))?\]\s*(?:\[[^\n]*\]\s*)*public\s+(?:async\s+)?(?:void|Task|System\.Threading\.Tasks\.Task)\s+(\w+)\s*\(")]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex Convention();
}
