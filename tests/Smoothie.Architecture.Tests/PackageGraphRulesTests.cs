namespace Smoothie.Architecture.Tests;

/// <summary>The rules catch what they are meant to catch, on synthetic graphs.</summary>
public sealed class PackageGraphRulesTests
{
    [Fact]
    public void TheAllowedGraphItselfFollowsTheRules()
    {
        Assert.Empty(PackageGraphRules.Violations(Allowed()));
    }

    [Fact]
    public void AReferenceBetweenIndependentPackagesIsReported()
    {
        PackageGraph graph = Allowed(("Smoothie.Schedulers", ProjectNode.Of("Smoothie.Schedulers", ["Smoothie.Runtime", "Smoothie.Runtime", "Smoothie.Latent"])));

        IReadOnlyList<string> violations = PackageGraphRules.Violations(graph);

        Assert.Contains(violations, v => v.StartsWith("Smoothie.Schedulers references Smoothie.Latent, which the design does not allow", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Smoothie.Schedulers depends on Smoothie.Latent;", StringComparison.Ordinal));
    }

    [Fact]
    public void EvaluationBringingTorchsharpInIsReported()
    {
        PackageGraph graph = Allowed(("Smoothie.Evaluation", ProjectNode.Of("Smoothie.Evaluation", ["Smoothie.Embeddings.MiniLM"])));

        IReadOnlyList<string> violations = PackageGraphRules.Violations(graph);

        Assert.Contains("Smoothie.Evaluation brings in TorchSharp; it must stay free of TorchSharp.", violations);
        Assert.Contains(violations, v => v.StartsWith("Smoothie.Evaluation references Smoothie.Embeddings.MiniLM", StringComparison.Ordinal));
    }

    [Fact]
    public void SamplingBringingInTheTrainerOrThePlottingLibraryIsReported()
    {
        PackageGraph graph = Allowed(("Smoothie.Sampling", ProjectNode.Of("Smoothie.Sampling", ["Smoothie.Runtime", "Smoothie.Latent", "Smoothie.Training"], ["TorchSharp", "ScottPlot"])));

        IReadOnlyList<string> violations = PackageGraphRules.Violations(graph);

        Assert.Contains("Smoothie.Sampling brings in Smoothie.Training; generating text must not need the trainer or the plotting library.", violations);
        Assert.Contains("Smoothie.Sampling brings in ScottPlot; generating text must not need the trainer or the plotting library.", violations);
    }

    [Fact]
    public void ADiffusionPackageReachingTheAutoregressiveBaselineIsReported()
    {
        PackageGraph graph = Allowed(("Smoothie.Training", ProjectNode.Of("Smoothie.Training", ["Smoothie.Runtime", "Smoothie.Sampling", "Smoothie.Autoregressive"])));

        IReadOnlyList<string> violations = PackageGraphRules.Violations(graph);

        Assert.Contains(violations, v => v.StartsWith("Smoothie.Training references Smoothie.Autoregressive, which the design does not allow", StringComparison.Ordinal));
        Assert.Contains("Smoothie.Training depends on Smoothie.Autoregressive; the diffusion packages must not need the autoregressive baseline (only the CLI brings both together).", violations);
        Assert.Contains("Smoothie.Diffusion depends on Smoothie.Autoregressive; the diffusion packages must not need the autoregressive baseline (only the CLI brings both together).", violations);
    }

    [Fact]
    public void ALibraryMissingFromTheDesignIsReported()
    {
        PackageGraph graph = Allowed(("Smoothie.Extras", ProjectNode.Of("Smoothie.Extras", ["Smoothie.Runtime"])));

        Assert.Contains(PackageGraphRules.Violations(graph), v => v.StartsWith("Smoothie.Extras is not in the allowed package graph", StringComparison.Ordinal));
    }

    [Fact]
    public void ACycleIsReported()
    {
        PackageGraph graph = Allowed(("Smoothie.Runtime", ProjectNode.Of("Smoothie.Runtime", ["Smoothie.Runtime"])));

        Assert.Contains("Smoothie.Runtime depends on itself through its references.", PackageGraphRules.Violations(graph));
    }

    [Fact]
    public void ANamespaceUsedThroughATransitiveReferenceOnlyIsReported()
    {
        // Smoothie.Diffusion reaching Smoothie.Latent only through Smoothie.Training (as before issue 20).
        ProjectNode diffusion = ProjectNode.Of("Smoothie.Diffusion", ["Smoothie.Training"]) with
        {
            UsedNamespaces = new Dictionary<string, string> { ["Smoothie.Latent.Spaces"] = "Pipelines/SmoothiePipeline.cs" },
        };
        ProjectNode latent = ProjectNode.Of("Smoothie.Latent", ["Smoothie.Runtime", "Smoothie.Runtime"]) with
        {
            DeclaredNamespaces = new HashSet<string> { "Smoothie.Latent.Spaces" },
        };

        IReadOnlyList<string> violations = PackageGraphRules.Violations(Allowed(("Smoothie.Diffusion", diffusion), ("Smoothie.Latent", latent)));

        Assert.Equal(
            ["Smoothie.Diffusion imports Smoothie.Latent.Spaces (Pipelines/SmoothiePipeline.cs) but does not reference Smoothie.Latent directly."],
            violations);
    }

    [Fact]
    public void AUsingStaticOfATypeIsCoveredByTheProjectDeclaringItsNamespace()
    {
        ProjectNode training = ProjectNode.Of("Smoothie.Training", ["Smoothie.Latent"]) with
        {
            UsedNamespaces = new Dictionary<string, string> { ["type Smoothie.Latent.Spaces.VocabularyOps"] = "Sampler.cs" },
        };
        ProjectNode latent = ProjectNode.Of("Smoothie.Latent", ["Smoothie.Runtime", "Smoothie.Runtime"]) with
        {
            DeclaredNamespaces = new HashSet<string> { "Smoothie.Latent.Spaces" },
        };

        Assert.Empty(PackageGraphRules.Violations(Allowed(("Smoothie.Training", training), ("Smoothie.Latent", latent))));
    }

    [Fact]
    public void ImportingTorchsharpWithoutReferencingItIsReported()
    {
        ProjectNode diffusion = ProjectNode.Of("Smoothie.Diffusion", ["Smoothie.Training"]) with { UsesTorchSharp = true };

        Assert.Contains(
            "Smoothie.Diffusion imports TorchSharp but does not reference a TorchSharp package directly.",
            PackageGraphRules.Violations(Allowed(("Smoothie.Diffusion", diffusion))));
    }

    /// <summary>A graph with every allowed reference (TorchSharp referenced by Smoothie.Runtime), with some nodes replaced.</summary>
    private static PackageGraph Allowed(params (string Name, ProjectNode Node)[] replacements)
    {
        var nodes = PackageGraphRules.AllowedReferences.ToDictionary(
            a => a.Key,
            a => ProjectNode.Of(a.Key, a.Value, a.Key == "Smoothie.Runtime" ? ["TorchSharp"] : []),
            StringComparer.Ordinal);
        foreach ((string name, ProjectNode node) in replacements)
        {
            nodes[name] = node;
        }

        return new PackageGraph(nodes.Values);
    }
}
