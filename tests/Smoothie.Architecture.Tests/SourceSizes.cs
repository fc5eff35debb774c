namespace Smoothie.Architecture.Tests;

/// <summary>
/// The size limits of the sources under <c>src/</c> (issue 26): no file over <see cref="MaxFileLines"/> lines, no
/// member body over <see cref="MaxMemberLines"/> lines (measured by <see cref="MemberScanner"/>).
/// </summary>
internal static class SourceSizes
{
    public const int MaxFileLines = 400;

    public const int MaxMemberLines = 80;

    /// <summary>The C# files under <c>src/</c> below <paramref name="root"/> (not bin/ or obj/), as paths relative to it with '/'.</summary>
    public static IReadOnlyDictionary<string, string> ReadSources(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(root, f)), StringComparer.Ordinal);

    /// <summary>The number of lines of <paramref name="source"/>, as a line-by-line reader counts them.</summary>
    public static int LineCount(string source)
    {
        if (source.Length == 0)
        {
            return 0;
        }

        int breaks = source.Count(c => c == '\n');
        return source.EndsWith('\n') ? breaks : breaks + 1;
    }

    /// <summary>Each file over the limit, as "path (N lines)".</summary>
    public static IReadOnlyList<string> LongFiles(IReadOnlyDictionary<string, string> sources) =>
        sources.Select(s => (Path: s.Key, Lines: LineCount(s.Value)))
            .Where(f => f.Lines > MaxFileLines)
            .Select(f => $"{f.Path} ({f.Lines} lines)")
            .ToList();

    /// <summary>Each member over the limit, as "path:line Name (N lines)".</summary>
    public static IReadOnlyList<string> LongMembers(IReadOnlyDictionary<string, string> sources) =>
        sources.SelectMany(s => MemberScanner.Measure(s.Value)
                .Where(m => m.Lines > MaxMemberLines)
                .OrderBy(m => m.FirstLine)
                .Select(m => $"{s.Key}:{m.FirstLine} {m.Name} ({m.Lines} lines)"))
            .ToList();
}
