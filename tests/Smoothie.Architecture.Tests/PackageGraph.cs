namespace Smoothie.Architecture.Tests;

/// <summary>The library projects under <c>src/</c> and the references between them.</summary>
internal sealed class PackageGraph
{
    public PackageGraph(IEnumerable<ProjectNode> nodes)
    {
        Nodes = nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, ProjectNode> Nodes { get; }

    /// <summary>Every project reachable from <paramref name="name"/> through project references (itself excluded).</summary>
    public IReadOnlySet<string> Dependencies(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Nodes[name].ProjectReferences);
        while (pending.TryPop(out string? next))
        {
            if (seen.Add(next) && Nodes.TryGetValue(next, out ProjectNode? node))
            {
                foreach (string reference in node.ProjectReferences)
                {
                    pending.Push(reference);
                }
            }
        }

        seen.Remove(name);
        return seen;
    }

    /// <summary>The packages <paramref name="name"/> brings in through itself and every project it depends on.</summary>
    public IReadOnlySet<string> Packages(string name)
    {
        var packages = new HashSet<string>(Nodes[name].PackageReferences, StringComparer.Ordinal);
        foreach (string dependency in Dependencies(name))
        {
            if (Nodes.TryGetValue(dependency, out ProjectNode? node))
            {
                packages.UnionWith(node.PackageReferences);
            }
        }

        return packages;
    }

    /// <summary>Whether <paramref name="from"/> depends on itself through its references.</summary>
    public bool IsInCycle(string from) => Nodes[from].ProjectReferences.Any(r => r == from || (Nodes.ContainsKey(r) && Dependencies(r).Contains(from)));
}
