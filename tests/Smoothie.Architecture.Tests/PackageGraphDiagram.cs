using System.Text;

namespace Smoothie.Architecture.Tests;

/// <summary>
/// Writes the package graph as Markdown: a Mermaid flowchart (GitHub renders it) of the references between the
/// libraries under <c>src/</c> and the heavy external packages, without the references a longer path already implies,
/// followed by a table of every direct reference.
/// </summary>
internal static class PackageGraphDiagram
{
    /// <summary>The external packages drawn in the picture, by the prefix of their package ids.</summary>
    public static IReadOnlyList<string> DrawnPackages { get; } = ["TorchSharp", "Microsoft.ML.OnnxRuntime"];

    /// <summary>The build-time task, shipped inside Smoothie.Runtime: not a library, left out.</summary>
    public const string BuildTask = "Smoothie.Runtime.Build";

    public static string Write(PackageGraph graph)
    {
        string[] projects = graph.Nodes.Keys.Where(n => n != BuildTask).ToArray();
        Dictionary<string, int> level = projects.ToDictionary(p => p, p => Level(graph, p), StringComparer.Ordinal);
        string[] ordered = projects.OrderByDescending(p => level[p]).ThenBy(p => p, StringComparer.Ordinal).ToArray();

        var text = new StringBuilder();
        text.Append("```mermaid\n");
        text.Append("flowchart TD\n");
        foreach (string project in ordered)
        {
            text.Append($"    {Id(project)}[\"{project}\"]\n");
        }

        foreach (string package in DrawnPackages)
        {
            text.Append($"    {Id(package)}{{{{\"{package}\"}}}}\n");
        }

        foreach (string project in ordered)
        {
            foreach (string target in DirectTargets(graph, project).Where(t => !Implied(graph, project, t)).OrderBy(t => Rank(ordered, t)).ThenBy(t => t, StringComparer.Ordinal))
            {
                text.Append($"    {Id(project)} --> {Id(target)}\n");
            }
        }

        text.Append("```\n\n");
        text.Append("| package | references directly | TorchSharp |\n");
        text.Append("| --- | --- | --- |\n");
        foreach (string project in ordered)
        {
            string[] references = graph.Nodes[project].ProjectReferences.OrderBy(r => Rank(ordered, r)).ThenBy(r => r, StringComparer.Ordinal).ToArray();
            string torch = graph.Packages(project).Any(p => p.StartsWith("TorchSharp", StringComparison.Ordinal)) ? "yes" : "no";
            text.Append($"| `{project}` | {(references.Length == 0 ? "—" : string.Join(", ", references.Select(r => $"`{r}`")))} | {torch} |\n");
        }

        return text.ToString();
    }

    private static IEnumerable<string> DirectTargets(PackageGraph graph, string project) =>
        graph.Nodes[project].ProjectReferences.Where(graph.Nodes.ContainsKey)
            .Concat(DrawnPackages.Where(d => graph.Nodes[project].PackageReferences.Any(p => p.StartsWith(d, StringComparison.Ordinal))));

    /// <summary>Whether another direct target of <paramref name="project"/> already leads to <paramref name="target"/>.</summary>
    private static bool Implied(PackageGraph graph, string project, string target) =>
        DirectTargets(graph, project).Where(graph.Nodes.ContainsKey).Where(t => t != target).Any(t =>
            graph.Dependencies(t).Contains(target) || graph.Packages(t).Any(p => p.StartsWith(target, StringComparison.Ordinal)));

    /// <summary>The length of the longest chain of project references below <paramref name="project"/>.</summary>
    private static int Level(PackageGraph graph, string project) =>
        graph.Nodes[project].ProjectReferences.Where(graph.Nodes.ContainsKey).Select(r => Level(graph, r) + 1).DefaultIfEmpty(0).Max();

    private static int Rank(string[] ordered, string name) => Array.IndexOf(ordered, name) is >= 0 and var i ? i : ordered.Length;

    private static string Id(string name) => (name.StartsWith("Smoothie.", StringComparison.Ordinal) ? name["Smoothie.".Length..] : name).Replace('.', '_');
}
