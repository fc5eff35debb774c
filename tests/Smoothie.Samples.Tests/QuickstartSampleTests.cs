using Smoothie.Diffusion.Pipelines;
using Smoothie.Samples.Quickstart;

namespace Smoothie.Samples.Tests;

[Collection(SamplesCollection.Name)]
public sealed class QuickstartSampleTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-quickstart-test").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void RunsToCompletionAndTheLoadedPipelineGeneratesTheSame()
    {
        var output = new StringWriter();
        int exit = QuickstartSample.Run(["--steps", "3", "--minutes", "2", "--out", root], output);
        string text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("Trained 3 steps", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split('\n').Count(l => l.StartsWith("Smoothie:  ", StringComparison.Ordinal)));
        Assert.Contains("the loaded pipeline generates the same texts", text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, PipelineFolder.ConfigurationFile)));
        Assert.True(File.Exists(Path.Combine(root, PipelineFolder.WeightsFile)));
    }

    [Theory]
    [InlineData("--steps", "0")]
    [InlineData("--minutes", "-1")]
    [InlineData("--colour", "red")]
    public void BadArgumentsAreRejectedWithTheUsage(string option, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => QuickstartArguments.Parse([option, value]));
        Assert.Contains($"{option} {value}", e.Message, StringComparison.Ordinal);
        Assert.Contains("Usage:", e.Message, StringComparison.Ordinal);
    }
}
