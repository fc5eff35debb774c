using Smoothie.Samples.TrueTokenPlot;

namespace Smoothie.Samples.Tests;

[Collection(SamplesCollection.Name)]
public sealed class TrueTokenPlotSampleTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-plot-test").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void CurvesFallFromCertaintyToChanceAndSmoothieRemovesInformationLast()
    {
        double[] times = TrueTokenPlotSample.TimeGrid(9);
        IReadOnlyList<TrueTokenCurve> curves = TrueTokenPlotSample.Compute(verses: 60, tokens: 64, times);
        Assert.Equal(["arctan", "cosine-sd", "tess"], curves.Select(c => c.Schedule));
        foreach (TrueTokenCurve curve in curves)
        {
            Assert.True(curve.Probabilities[0] > 0.99, $"{curve.Latent}: at t = 0.01 the token is still known ({curve.Probabilities[0]})");
            Assert.True(curve.Probabilities[^1] < 0.02, $"{curve.Latent}: at t = 0.99 the token is nearly forgotten ({curve.Probabilities[^1]})");
            for (int i = 1; i < times.Length; i++)
            {
                Assert.True(curve.Probabilities[i] <= curve.Probabilities[i - 1] + 0.01, $"{curve.Latent}: probability rises from t={times[i - 1]} to t={times[i]}");
            }
        }

        // At t = 0.5 the Arctan-smoothed distance latent still points at its token much more than the baselines do.
        int middle = times.Length / 2;
        Assert.True(curves[0].Probabilities[middle] > 0.1, $"distance at t=0.5: {curves[0].Probabilities[middle]}");
        Assert.True(curves[1].Probabilities[middle] < curves[0].Probabilities[middle] / 2);
        Assert.True(curves[2].Probabilities[middle] < curves[0].Probabilities[middle] / 2);
    }

    [Fact]
    public void WritesThePngAndTheNumbersBesideIt()
    {
        string png = Path.Combine(root, "plot.png");
        var output = new StringWriter();
        Assert.Equal(0, TrueTokenPlotSample.Run(["--out", png, "--verses", "30", "--tokens", "16", "--points", "5"], output));
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
        string[] csv = File.ReadAllLines(Path.ChangeExtension(png, ".csv"));
        Assert.Equal("t,distance,embedding,simplex", csv[0]);
        Assert.Equal(6, csv.Length);
        Assert.Contains("distance (arctan) colour #1f77b4, V = ", output.ToString(), StringComparison.Ordinal);
        string[] view = File.ReadAllLines(Path.Combine(root, "plot-input-view.csv"));
        Assert.Equal(csv[0], view[0]);
        Assert.True(File.Exists(Path.Combine(root, "plot-input-view.png")));
    }

    [Fact]
    public void DistanceVariantsAddCurvesAndTheInputViewNeverExceedsThePosterior()
    {
        double[] times = TrueTokenPlotSample.TimeGrid(5);
        IReadOnlyList<TrueTokenCurve> curves = TrueTokenPlotSample.Compute(verses: 30, tokens: 16, times, TrueTokenPlotSample.DistanceVariants("sigmaMin=1.06,sigmaMax=141"));
        Assert.Equal(4, curves.Count);
        Assert.StartsWith("distance σmin=1.06 σmax=141", curves[3].Label, StringComparison.Ordinal);

        // softmax(x_t) keeps less of the token than the exact posterior given x_t (paper distance space, mid t).
        Assert.True(curves[0].InputViewProbabilities![2] < curves[0].Probabilities[2], $"{curves[0].InputViewProbabilities![2]} vs {curves[0].Probabilities[2]}");
        Assert.Throws<ArgumentException>(() => TrueTokenPlotSample.DistanceVariants("d=nine"));
    }
}
