namespace Smoothie.Architecture.Tests;

/// <summary>No two namespaces of the libraries import each other, directly or around a longer loop.</summary>
public sealed class NamespaceGraphTests
{
    [Fact]
    public void TheNamespacesUnderSrcHaveNoCycle()
    {
        NamespaceGraph graph = NamespaceGraph.Read(RepositoryRoot.Find());

        IReadOnlyList<IReadOnlyList<string>> cycles = graph.Cycles();

        Assert.Contains("Smoothie.Latent.Spaces", graph.Namespaces);
        Assert.True(cycles.Count == 0, "namespace cycles: " + string.Join("; ", cycles.Select(c => string.Join(" → ", c))));
    }

    [Fact]
    public void ACycleBetweenTwoNamespacesAndALongerOneAreBothFound()
    {
        var graph = new NamespaceGraph(new Dictionary<string, IEnumerable<string>>(StringComparer.Ordinal)
        {
            ["A"] = ["B"],
            ["B"] = ["A", "C"],
            ["C"] = ["D"],
            ["D"] = ["B"],
            ["E"] = ["A"],
        });

        IReadOnlyList<IReadOnlyList<string>> cycles = graph.Cycles();

        Assert.Equal(2, cycles.Count);
        Assert.Contains(cycles, c => c.SequenceEqual(["A", "B", "A"]));
        Assert.Contains(cycles, c => c.SequenceEqual(["B", "C", "D", "B"]));
    }
}
