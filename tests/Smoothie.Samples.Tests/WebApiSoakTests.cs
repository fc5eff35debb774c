using System.Globalization;
using System.Text.RegularExpressions;

namespace Smoothie.Samples.Tests;

/// <summary>The sample's <c>--soak</c> mode at small scale: it passes when every request succeeds and fails when some do not.</summary>
[Collection(SamplesCollection.Name)]
public sealed partial class WebApiSoakTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-soak").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void HundredRequestsFromEightClientsAllSucceedWithinAMinute()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        (int code, string log) = Soak(new Dictionary<string, string>(), "--requests", "100", "--clients", "8", "--warmup", "16");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the soak took {clock.Elapsed.TotalSeconds:0} s:\n{log}");
        Assert.True(code == 0, $"exit code {code}:\n{log}");
        Assert.Contains("soak: PASS", log, StringComparison.Ordinal);
        Assert.Contains("requests: 100 of 100 measured (+16 of 16 warm-up), 8 clients, 0 failed (0 × HTTP 503)", log, StringComparison.Ordinal);
        Match latency = LatencyLine().Match(log);
        Assert.True(latency.Success, log);
        double p50 = double.Parse(latency.Groups["p50"].Value, CultureInfo.InvariantCulture), p99 = double.Parse(latency.Groups["p99"].Value, CultureInfo.InvariantCulture);
        Assert.True(p50 > 0 && p50 <= p99, log);
        Assert.Matches(@"resident memory: \d+\.\d MB before warm-up, \d+\.\d MB after warm-up", log);
    }

    [Fact]
    public void RejectedRequestsFailTheSoak()
    {
        // One place and no queue for eight clients: some requests get 503, which the soak must count as failures.
        (int code, string log) = Soak(
            new Dictionary<string, string> { ["Admission__MaxConcurrentRequests"] = "1", ["Admission__MaxQueuedRequests"] = "0" },
            "--requests", "40", "--clients", "8", "--warmup", "0");
        Assert.True(code == 1, $"exit code {code}:\n{log}");
        Assert.Contains("soak: FAIL", log, StringComparison.Ordinal);
        Assert.Matches(@"[1-9]\d* failed \([1-9]\d* × HTTP 503\)", log);
        Assert.Contains("failure: ", log, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"latency: p50 (?<p50>[\d.]+) ms, p99 (?<p99>[\d.]+) ms, max [\d.]+ ms")]
    private static partial Regex LatencyLine();

    private (int Code, string Log) Soak(Dictionary<string, string> environment, params string[] arguments)
    {
        string folder = Path.Combine(root, "pipeline");
        if (!Directory.Exists(folder))
        {
            TinyPipelineFolder.Write(folder);
        }

        environment["Smoothie__PipelinePath"] = folder;
        environment["Smoothie__Device"] = "Cpu";
        using WebApiProcess soak = WebApiProcess.Start(environment, ["--soak", .. arguments]);
        Assert.True(soak.WaitForExit(TimeSpan.FromSeconds(120)), $"the soak did not stop by itself:\n{soak.Log}");
        return (soak.ExitCode, soak.Log);
    }
}
