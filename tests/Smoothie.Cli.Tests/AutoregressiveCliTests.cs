namespace Smoothie.Cli.Tests;

/// <summary>The autoregressive baseline from the command line: bad input is named, a trained folder rewrites texts.</summary>
public sealed class AutoregressiveCliTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-cli-ar").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void AblateWithAnUnknownModelFamilyNamesTheOption()
    {
        (int code, string output) = CliRun.Invoke("ablate", "--models", "diffusion,gpt", "--max-steps", "1", "--out", Path.Combine(root, "ablate"));

        Assert.Equal(2, code);
        Assert.Contains("--models: unknown value 'gpt'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AblateTrainsAndScoresTheAutoregressiveModelWithEveryBeamWidthAndReusesTheRun()
    {
        string output = Path.Combine(root, "ablate");
        string[] args =
        [
            "ablate", "--models", "autoregressive", "--seeds", "1", "--max-steps", "2", "--batch-size", "4", "--test-rows", "3", "--beam-widths", "1,2",
            "--max-train-rows", "32", "--out", output, "--device", "cpu",
        ];
        (int code, string log) = CliRun.Invoke(args);
        Assert.True(code == 0, log);
        string table = File.ReadAllText(Path.Combine(output, "results.md"));

        Assert.Contains("| configuration | runs | train steps | minutes | generate s | BLEU |", table);
        Assert.Contains("| autoregressive (greedy) | 1 | 2 |", table);
        Assert.Contains("| autoregressive (beam 2) | 1 | 2 |", table);
        Assert.Contains("| word lookup | — | — | — | — |", table);
        Assert.Contains("Autoregressive rows: a pointer-generator Transformer", table);
        Assert.True(File.Exists(Path.Combine(output, "autoregressive-seed1", "autoregressive.json")));

        (code, log) = CliRun.Invoke(args);
        Assert.True(code == 0, log);
        Assert.Contains("reusing the scores", log);
        Assert.DoesNotContain("Trained 2 steps", log);
    }

    [Fact]
    public void GenerateWithAFolderThatIsNoAutoregressiveModelSaysSo()
    {
        (int code, string output) = CliRun.Invoke("autoregressive", "generate", "--model", root, "--text", "And God said");

        Assert.Equal(2, code);
        Assert.Contains("not an autoregressive model folder", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrainedFolderRewritesTheGivenText()
    {
        string folder = Path.Combine(root, "ar");
        (int trainCode, string trainOutput) = CliRun.Invoke("autoregressive", "train", "--max-steps", "2", "--max-train-rows", "16", "--batch-size", "4",
            "--source-length", "16", "--target-length", "16", "--out", folder, "--device", "cpu");
        Assert.True(trainCode == 0, trainOutput);

        (int code, string output) = CliRun.Invoke("autoregressive", "generate", "--model", folder, "--text", "And God said,", "--beam", "2");

        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(folder, "autoregressive.json")));
        Assert.Contains("Trained 2 steps", trainOutput, StringComparison.Ordinal);
    }
}
