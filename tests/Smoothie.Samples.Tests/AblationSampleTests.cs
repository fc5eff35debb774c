using Smoothie.Samples.Ablation;

namespace Smoothie.Samples.Tests;

[Collection(SamplesCollection.Name)]
public sealed class AblationSampleTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-ablation-test").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void TrainsAndScoresEachLatentSpaceAndPrintsTheTable()
    {
        var output = new StringWriter();
        int exit = AblationSample.Run(["--steps", "2", "--eval", "3", "--out", root], output);
        Assert.Equal(0, exit);
        string[] rows = output.ToString().Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2).ToArray();
        Assert.Equal(3, rows.Length);
        string[][] cells = rows.Select(r => r.Split('|', StringSplitOptions.TrimEntries)[1..^1]).ToArray();
        Assert.Equal(["Distance", "Embedding", "Simplex"], cells.Select(c => c[0]));
        Assert.Equal(["arctan", "cosine-sd", "tess"], cells.Select(c => c[1]));
        Assert.All(cells, c => Assert.Equal("2", c[2]));
        Assert.All(cells, c => Assert.True(double.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture) > 0, "loss"));

        // Same data for every space: the copy baseline is identical; each space saved its own pipeline folder.
        Assert.Single(cells.Select(c => c[7]).Distinct());
        Assert.All(["distance", "embedding", "simplex"], space => Assert.True(File.Exists(Path.Combine(root, space, "pipeline.json")), space));
    }
}
