using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Smoothie.Architecture.Tests;

/// <summary>Reads the package graph from the repository: every <c>src/*/*.csproj</c> and the C# files beside it.</summary>
internal static partial class PackageGraphReader
{
    public static PackageGraph Read(string repositoryRoot)
    {
        string src = Path.Combine(repositoryRoot, "src");
        return new PackageGraph(Directory.GetDirectories(src)
            .Select(folder => Path.Combine(folder, Path.GetFileName(folder) + ".csproj"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .Select(ReadProject));
    }

    public static ProjectNode ReadProject(string projectFile)
    {
        XDocument project = XDocument.Load(projectFile);
        var projects = project.Descendants("ProjectReference")
            .Where(r => !string.Equals((string?)r.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
            .Select(r => Path.GetFileNameWithoutExtension(((string)r.Attribute("Include")!).Replace('\\', '/')))
            .ToHashSet(StringComparer.Ordinal);
        var packages = project.Descendants("PackageReference")
            .Select(r => (string)r.Attribute("Include")!)
            .ToHashSet(StringComparer.Ordinal);

        var declared = new HashSet<string>(StringComparer.Ordinal);
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        bool torch = false;
        string folder = Path.GetDirectoryName(projectFile)!;
        foreach (string file in SourceFiles(folder))
        {
            string relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            foreach (string line in File.ReadLines(file))
            {
                if (NamespaceDeclaration().Match(line) is { Success: true } declaration)
                {
                    declared.Add(declaration.Groups["name"].Value);
                }
                else if (UsingDirective().Match(line) is { Success: true } directive)
                {
                    string target = directive.Groups["target"].Value;
                    if (target.StartsWith("TorchSharp", StringComparison.Ordinal))
                    {
                        torch = true;
                    }
                    else if (target.StartsWith("Smoothie.", StringComparison.Ordinal))
                    {
                        bool isType = directive.Groups["static"].Success || directive.Groups["alias"].Success;
                        used.TryAdd(isType ? "type " + target : target, relative);
                    }
                }
            }
        }

        return new ProjectNode(Path.GetFileNameWithoutExtension(projectFile), projects, packages, declared, used, torch);
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Replace('\\', '/').Split('/').Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*namespace\s+(?<name>Smoothie(\.\w+)*)\s*[;{]?\s*$")]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(?<static>static\s+)?((?<alias>\w+)\s*=\s*)?(?<target>[A-Za-z_][\w.]*)\s*;")]
    private static partial Regex UsingDirective();
}
