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
