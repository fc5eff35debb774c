using Smoothie.Data;

namespace Smoothie.Cli.Tests;

public sealed class DiagnoseCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-diagnose-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void FreeLayoutModelsShareSourcePositionsByDefaultAndDiagnosePrintsBothTables()
    {
        string data = Path.Combine(root, "pairs.tsv");
        var pairs = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Take(16).ToList();
        File.WriteAllLines(data, ["kjv\tweb", .. pairs.Select(p => $"{p.Source}\t{p.Target}")]);
        foreach ((string folder, string[] extra, bool shared) in new[]
        {
            ("free", new[] { "--layout", "free", "--copy-head", "false" }, true),
            ("free-own", new[] { "--layout", "free", "--copy-head", "false", "--shared-positions", "false" }, false),
            ("aligned", new[] { "--layout", "aligned" }, false),
        })
        {
            string output = Path.Combine(root, folder);
            (int code, string log) = CliRun.Invoke(
                ["train", "--data", data, "--max-steps", "1", "--batch-size", "2", "--out", output, "--device", "cpu", "--source-length", "24", "--target-length", "24", .. extra]);
            Assert.True(code == 0, log);
            Assert.Contains($"\"sharedSourcePositions\": {(shared ? "true" : "false")}", File.ReadAllText(Path.Combine(output, "pipeline.json")));
        }

        string report = Path.Combine(root, "probe.md");
        (int exit, string printed) = CliRun.Invoke("diagnose", "--model", Path.Combine(root, "free"), "--data", data, "--source", "kjv", "--target", "web", "--rows", "4", "--out", report);
        Assert.True(exit == 0, printed);
        string markdown = File.ReadAllText(report);
        Assert.Contains("| t | content loss | shuffled source |", markdown);
        Assert.Contains("| 0.95 |", markdown);
        Assert.Contains("| position | padding share |", markdown);
        Assert.Contains("| 23 |", markdown);

        (exit, printed) = CliRun.Invoke("diagnose", "--model", Path.Combine(root, "free"), "--data", data, "--source", "kjv", "--target", "web", "--rows", "0");
        Assert.NotEqual(0, exit);
        Assert.Contains("--rows", printed);
    }
}
