using System.Text.RegularExpressions;

namespace Smoothie.Architecture.Tests;

/// <summary>
/// The <c>Smoothie.*</c> namespaces of the libraries under <c>src/</c> and which of them each one imports (its files'
/// <c>using</c> directives, <c>using static</c> of a type counted as its namespace), so that cycles between namespaces
/// — which the package graph cannot see inside one package — are found.
/// </summary>
internal sealed partial class NamespaceGraph
{
    private readonly Dictionary<string, SortedSet<string>> imports;

    public NamespaceGraph(IReadOnlyDictionary<string, IEnumerable<string>> imports)
    {
        this.imports = imports.ToDictionary(i => i.Key, i => new SortedSet<string>(i.Value.Where(v => v != i.Key), StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Reads every C# file of the libraries under <c>src/</c> below <paramref name="root"/>.</summary>
    public static NamespaceGraph Read(string root)
    {
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var perFile = new List<(string Namespace, string[] Uses)>();
        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            Match ns = NamespaceDeclaration().Match(text);
            if (!ns.Success)
            {
                continue;
            }

            declared.Add(ns.Groups[1].Value);
            perFile.Add((ns.Groups[1].Value, UsingDirective().Matches(text).Select(m => m.Groups[1].Value).ToArray()));
        }

        foreach ((string from, string[] uses) in perFile)
        {
            HashSet<string> set = edges.TryGetValue(from, out HashSet<string>? s) ? s : edges[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (string used in uses)
            {
                // "using static Smoothie.X.Type" names a type: count its namespace.
                string target = declared.Contains(used) ? used : used[..Math.Max(0, used.LastIndexOf('.'))];
                if (declared.Contains(target))
                {
                    set.Add(target);
                }
            }
        }

        return new NamespaceGraph(edges.ToDictionary(e => e.Key, e => (IEnumerable<string>)e.Value, StringComparer.Ordinal));
    }

    /// <summary>The namespaces.</summary>
    public IEnumerable<string> Namespaces => imports.Keys;

    /// <summary>Each cycle once, as the list of namespaces around it (the first one repeated at the end).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string start in imports.Keys.Order(StringComparer.Ordinal))
        {
            var path = new List<string> { start };
            Walk(start, start, path, seen, cycles);
        }

        return cycles;
    }

    private void Walk(string start, string current, List<string> path, HashSet<string> seen, List<IReadOnlyList<string>> cycles)
    {
        foreach (string next in imports.GetValueOrDefault(current) ?? [])
        {
            if (next == start)
            {
                string key = string.Join(" ", path.Order(StringComparer.Ordinal));
                if (seen.Add(key))
                {
                    cycles.Add([.. path, start]);
                }
            }
            else if (!path.Contains(next) && string.CompareOrdinal(next, start) > 0)
            {
                path.Add(next);
                Walk(start, next, path, seen, cycles);
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    [GeneratedRegex(@"^namespace (Smoothie[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^using (?:static )?(Smoothie[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
