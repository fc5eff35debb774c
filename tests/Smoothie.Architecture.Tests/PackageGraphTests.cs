namespace Smoothie.Architecture.Tests;

/// <summary>The repository's project files follow the package graph of the design (docs/architecture.md).</summary>
public sealed class PackageGraphTests
{
    private static readonly PackageGraph Repository = PackageGraphReader.Read(RepositoryRoot.Find());

    [Fact]
    public void ProjectFilesFollowTheAllowedPackageGraph()
    {
        IReadOnlyList<string> violations = PackageGraphRules.Violations(Repository);

        Assert.True(violations.Count == 0, "The package graph breaks the design:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void EveryLibraryUnderSrcIsReadWithItsReferencesAndNamespaces()
    {
        // The rules can only fail if the reader sees what they are about: check a few facts the design rests on.
        Assert.Equal(PackageGraphRules.AllowedReferences.Keys.Order(StringComparer.Ordinal), Repository.Nodes.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Smoothie.Runtime", Repository.Nodes["Smoothie.Schedulers"].ProjectReferences);
        Assert.Contains("TorchSharp", Repository.Nodes["Smoothie.Latent"].PackageReferences);
        Assert.Contains("Smoothie.Text.Layout", Repository.Nodes["Smoothie.Text"].DeclaredNamespaces);
        Assert.Contains("Smoothie.Runtime", Repository.Nodes["Smoothie.Schedulers"].UsedNamespaces.Keys);
        Assert.Contains("Smoothie.Embeddings", Repository.Nodes["Smoothie.Latent"].UsedNamespaces.Keys);
        Assert.Contains("Smoothie.Models.Configuration", Repository.Nodes["Smoothie.Embeddings.MiniLM"].UsedNamespaces.Keys);
        Assert.True(Repository.Nodes["Smoothie.Training"].UsesTorchSharp);
        Assert.DoesNotContain("Smoothie.Runtime.Build", Repository.Nodes["Smoothie.Runtime"].ProjectReferences); // build-only reference
    }

    [Fact]
    public void GeneratingTextNeedsNeitherTheTrainerNorThePlottingLibrary()
    {
        IReadOnlySet<string> reached = Repository.Dependencies("Smoothie.Sampling");

        Assert.DoesNotContain("Smoothie.Training", reached);
        Assert.DoesNotContain(Repository.Packages("Smoothie.Sampling"), p => p.StartsWith("ScottPlot", StringComparison.Ordinal) || p.StartsWith("SkiaSharp", StringComparison.Ordinal));
        Assert.Contains("ScottPlot", Repository.Packages("Smoothie.Training"));
    }

    [Fact]
    public void OnlyBertScoreAndTheToolBringInOnnxRuntimeAndNoPackageBringsInMlNet()
    {
        string[] withOnnxRuntime = Repository.Nodes.Keys
            .Where(n => Repository.Packages(n).Any(p => p.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal).ToArray();
        string[] withMlNet = Repository.Nodes.Keys
            .Where(n => Repository.Packages(n).Any(p => p == "Microsoft.ML" || p.StartsWith("SentenceTransformers", StringComparison.Ordinal)))
            .ToArray();

        // The MiniLM data are embedded in Smoothie.Embeddings.MiniLM, not referenced (docs/packaging.md).
        Assert.Equal(["Smoothie.Cli", "Smoothie.Evaluation.BertScore"], withOnnxRuntime);
        Assert.Empty(withMlNet);
    }

    [Fact]
    public void BleuRougeAndSariComeWithoutTorchsharpOrOnnxRuntime()
    {
        IReadOnlySet<string> packages = Repository.Packages("Smoothie.Evaluation");

        Assert.DoesNotContain(packages, p => p.StartsWith("TorchSharp", StringComparison.Ordinal) || p.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal));
        Assert.Empty(Repository.Dependencies("Smoothie.Evaluation"));
        Assert.Contains("Smoothie.Evaluation", Repository.Dependencies("Smoothie.Evaluation.BertScore"));
    }
}
