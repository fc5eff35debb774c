namespace Smoothie.Architecture.Tests;

/// <summary>What one project file and its sources say about the package graph.</summary>
/// <param name="Name">The project's name (its .csproj file name without extension), e.g. <c>Smoothie.Latent</c>.</param>
/// <param name="ProjectReferences">Names of the projects it references for their assemblies (build-only references excluded).</param>
/// <param name="PackageReferences">Ids of the NuGet packages it references.</param>
/// <param name="DeclaredNamespaces">The <c>Smoothie.*</c> namespaces its sources declare.</param>
/// <param name="UsedNamespaces">The <c>Smoothie.*</c> namespaces (or, for <c>using static</c> and aliases, types) its sources import, each with one file that does.</param>
/// <param name="UsesTorchSharp">Whether a source file imports a <c>TorchSharp</c> namespace.</param>
internal sealed record ProjectNode(
    string Name,
    IReadOnlySet<string> ProjectReferences,
    IReadOnlySet<string> PackageReferences,
    IReadOnlySet<string> DeclaredNamespaces,
    IReadOnlyDictionary<string, string> UsedNamespaces,
    bool UsesTorchSharp)
{
    /// <summary>A node with only references (no sources): for synthetic graphs in tests.</summary>
    public static ProjectNode Of(string name, IEnumerable<string> projects, IEnumerable<string>? packages = null) =>
        new(name, projects.ToHashSet(StringComparer.Ordinal), (packages ?? []).ToHashSet(StringComparer.Ordinal),
            new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal), UsesTorchSharp: false);
}
