using System.Xml.Linq;

namespace Smoothie.Architecture.Tests;

/// <summary>
/// Every package shows a README on nuget.org: each packable project under src/ has a README.md beside it that names its
/// package id and says how to install it, and Directory.Build.targets packs it with the icon.
/// </summary>
public sealed class PackageReadmeTests
{
    private static readonly string Root = RepositoryRoot.Find();

    public static TheoryData<string> PackableProjects() => new(PackableProjectFiles().Select(f => Path.GetFileNameWithoutExtension(f)));

    [Fact]
    public void TheLibrariesAndTheToolArePackable()
    {
        string[] packable = PackableProjectFiles().Select(f => Path.GetFileNameWithoutExtension(f)).ToArray();

        Assert.Contains("Smoothie.Diffusion", packable);
        Assert.Contains("Smoothie.Runtime", packable);
        Assert.Contains("Smoothie.Cli", packable);
        Assert.DoesNotContain("Smoothie.Runtime.Build", packable); // shipped inside Smoothie.Runtime
        Assert.True(packable.Length >= 15, $"only {packable.Length} packable projects were found: {string.Join(", ", packable)}");
    }

    [Theory]
    [MemberData(nameof(PackableProjects))]
    public void EveryPackableProjectHasAReadmeThatNamesItsPackageAndHowToInstallIt(string project)
    {
        string projectFile = Path.Combine(Root, "src", project, project + ".csproj");
        XDocument document = XDocument.Load(projectFile);
        string packageId = Property(document, "PackageId") ?? project;
        bool tool = Property(document, "PackAsTool") == "true";
        string readme = Path.Combine(Root, "src", project, "README.md");

        Assert.True(File.Exists(readme), $"{project} is packable but has no README.md (nuget.org would show an empty tab).");
        string text = File.ReadAllText(readme);
        Assert.StartsWith($"# {packageId}\n", text, StringComparison.Ordinal);
        string install = tool ? $"dotnet tool install --global {packageId}" : $"dotnet add package {packageId}";
        Assert.Contains(install, text, StringComparison.Ordinal);
        Assert.Null(Property(document, "PackageReadmeFile")); // one rule for all, in Directory.Build.targets
    }

    [Fact]
    public void EveryPackageGetsItsReadmeTheIconAndValidation()
    {
        string targets = File.ReadAllText(Path.Combine(Root, "Directory.Build.targets"));
        Assert.Contains("<PackageReadmeFile>README.md</PackageReadmeFile>", targets, StringComparison.Ordinal);
        Assert.Contains("<PackageIcon>icon.png</PackageIcon>", targets, StringComparison.Ordinal);
        Assert.Contains("<EnablePackageValidation", targets, StringComparison.Ordinal);
        Assert.Contains("<PackageReleaseNotes", targets, StringComparison.Ordinal);

        byte[] icon = File.ReadAllBytes(Path.Combine(Root, "tools", "package-icon", "icon.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, icon[..4]);
        Assert.Equal(128, (icon[16] << 24) | (icon[17] << 16) | (icon[18] << 8) | icon[19]); // IHDR width
        Assert.Equal(128, (icon[20] << 24) | (icon[21] << 16) | (icon[22] << 8) | icon[23]); // IHDR height
    }

    private static IEnumerable<string> PackableProjectFiles() =>
        Directory.GetDirectories(Path.Combine(Root, "src"))
            .Select(folder => Path.Combine(folder, Path.GetFileName(folder) + ".csproj"))
            .Where(File.Exists)
            .Where(f => Property(XDocument.Load(f), "IsPackable") == "true")
            .Order(StringComparer.Ordinal);

    private static string? Property(XDocument project, string name) =>
        project.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault();
}
