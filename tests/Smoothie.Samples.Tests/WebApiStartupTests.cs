namespace Smoothie.Samples.Tests;

/// <summary>Bad or missing configuration stops the WebApi sample at start-up with one clear message per problem.</summary>
[Collection(SamplesCollection.Name)]
public sealed class WebApiStartupTests
{
    [Fact]
    public void AMissingPipelineFolderStopsTheServerAtStartUp()
    {
        string missing = Path.Combine(Path.GetTempPath(), "smoothie-no-such-pipeline-" + Guid.NewGuid().ToString("N"));
        using WebApiProcess server = WebApiProcess.Start(new Dictionary<string, string> { ["Smoothie__PipelinePath"] = missing });
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(60)), "the server should stop by itself");
        Assert.Equal(1, server.ExitCode);
        Assert.Contains($" - Smoothie:PipelinePath '{missing}' does not exist", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAPipelinePathTheServerStopsAtStartUpNamingTheOptIn()
    {
        using WebApiProcess server = WebApiProcess.Start(new Dictionary<string, string>());
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(60)), "the server should stop by itself");
        Assert.Equal(1, server.ExitCode);
        Assert.Contains(" - Smoothie:PipelinePath is not set; point it at a pipeline folder", server.Log, StringComparison.Ordinal);
        Assert.Contains("set Smoothie:AllowUntrainedPipeline = true", server.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("UNTRAINED demo pipeline", server.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBadSettingIsReportedAtStartUp()
    {
        using WebApiProcess server = WebApiProcess.Start(new Dictionary<string, string>
        {
            ["Smoothie__AllowUntrainedPipeline"] = "true",
            ["Smoothie__Preset"] = "huge",
            ["Smoothie__SigmaMin"] = "300",
            ["Smoothie__Embeddings"] = "",
        });
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(60)), "the server should stop by itself");
        Assert.Equal(1, server.ExitCode);
        string log = server.Log;
        Assert.DoesNotContain("PipelinePath is not set", log, StringComparison.Ordinal);
        Assert.Contains(" - Smoothie:Preset 'huge' is unknown; expected one of tiny, small, small-pretrained, paper.", log, StringComparison.Ordinal);
        Assert.Contains(" - Smoothie:SigmaMax (200) must exceed Smoothie:SigmaMin (300).", log, StringComparison.Ordinal);
        Assert.Contains(" - Smoothie:Embeddings is missing", log, StringComparison.Ordinal);
    }

    [Fact]
    public void BadAdmissionSettingsStopTheServerAtStartUp()
    {
        using WebApiProcess server = WebApiProcess.Start(new Dictionary<string, string>
        {
            ["Admission__MaxConcurrentRequests"] = "0",
            ["Admission__MaxQueuedRequests"] = "-1",
        });
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(60)), "the server should stop by itself");
        Assert.Equal(1, server.ExitCode);
        string log = server.Log;
        Assert.Contains("The Admission configuration is invalid:", log, StringComparison.Ordinal);
        Assert.Contains(" - Admission:MaxConcurrentRequests must be ≥ 1; got 0.", log, StringComparison.Ordinal);
        Assert.Contains(" - Admission:MaxQueuedRequests must be ≥ 0; got -1.", log, StringComparison.Ordinal);
    }
}
