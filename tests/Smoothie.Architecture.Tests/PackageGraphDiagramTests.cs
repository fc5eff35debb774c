namespace Smoothie.Architecture.Tests;

/// <summary>The picture of the package graph in docs/architecture.md is the one the project files give.</summary>
public sealed class PackageGraphDiagramTests
{
    /// <summary>Set to 1 to rewrite the picture in docs/architecture.md instead of failing.</summary>
    public const string UpdateVariable = "SMOOTHIE_UPDATE_DOCS";

    private const string BlockName = "package-graph";

    [Fact]
    public void TheCommittedPictureMatchesTheProjectFiles()
    {
        string root = RepositoryRoot.Find();
        string path = Path.Combine(root, "docs", "architecture.md");
        string markdown = File.ReadAllText(path);
        string expected = PackageGraphDiagram.Write(PackageGraphReader.Read(root));

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, GeneratedBlock.Replace(markdown, BlockName, expected));
            return;
        }

        string? committed = GeneratedBlock.Read(markdown, BlockName);
        Assert.True(
            committed == expected,
            $"docs/architecture.md's package graph is out of date. Run `{UpdateVariable}=1 dotnet test tests/Smoothie.Architecture.Tests -c Release` and commit the result. Expected:\n{expected}");
    }

    [Fact]
    public void ThePictureLeavesOutReferencesALongerPathImpliesAndTheTableKeepsThem()
    {
        var graph = new PackageGraph(
        [
            ProjectNode.Of("Smoothie.Runtime", [], ["TorchSharp"]),
            ProjectNode.Of("Smoothie.Latent", ["Smoothie.Runtime"], ["TorchSharp"]),
            ProjectNode.Of("Smoothie.Training", ["Smoothie.Latent", "Smoothie.Runtime"]),
            ProjectNode.Of("Smoothie.Evaluation", []),
        ]);

        string diagram = PackageGraphDiagram.Write(graph);

        Assert.Contains("    Training --> Latent\n", diagram, StringComparison.Ordinal);
        Assert.DoesNotContain("Training --> Runtime", diagram, StringComparison.Ordinal);
        Assert.Contains("    Runtime --> TorchSharp\n", diagram, StringComparison.Ordinal);
        Assert.DoesNotContain("Latent --> TorchSharp", diagram, StringComparison.Ordinal);
        Assert.Contains("| `Smoothie.Training` | `Smoothie.Latent`, `Smoothie.Runtime` | yes |", diagram, StringComparison.Ordinal);
        Assert.Contains("| `Smoothie.Evaluation` | — | no |", diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void AStalePictureIsDetected()
    {
        string markdown = "intro\n" + GeneratedBlock.Begin(BlockName) + "old\n" + GeneratedBlock.End(BlockName) + "\nrest\n";

        Assert.Equal("old\n", GeneratedBlock.Read(markdown, BlockName));
        Assert.Equal("new\n", GeneratedBlock.Read(GeneratedBlock.Replace(markdown, BlockName, "new\n"), BlockName));
        Assert.Null(GeneratedBlock.Read("no markers", BlockName));
    }
}
