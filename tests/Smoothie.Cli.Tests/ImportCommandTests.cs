namespace Smoothie.Cli.Tests;

/// <summary><c>smoothie import</c> then <c>smoothie generate</c> on a trainer checkpoint written by the authors' code.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Reference", "cross-attention");
    private readonly string directory = Directory.CreateTempSubdirectory("smoothie-import-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void ImportedFolderRunsWithGenerate()
    {
        string vocabulary = Path.Combine(directory, "vocab.txt");
        File.WriteAllLines(vocabulary, new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" }.Concat(Enumerable.Range(5, 25).Select(i => $"w{i}")));
        string folder = Path.Combine(directory, "imported");

        (int code, string output) = CliRun.Invoke(
            "import", "--checkpoint", Path.Combine(Fixture, "trainer_checkpoint.pth"), "--vocab", vocabulary,
            "--target-length", "5", "--source-length", "6", "--heads", "2", "--out", folder);
        Assert.True(code == 0, output);
        Assert.Contains("ema weights, step 3", output);
        Assert.Contains("CrossAttention conditioning", output);
        Assert.True(File.Exists(Path.Combine(folder, "pipeline.json")));

        (code, output) = CliRun.Invoke("generate", "--model", folder, "--text", "w7 w8 w9", "--steps", "3");
        Assert.True(code == 0, output);

        (code, output) = CliRun.Invoke(
            "import", "--checkpoint", Path.Combine(Fixture, "trainer_checkpoint.pth"), "--vocab", vocabulary,
            "--target-length", "64", "--source-length", "64", "--heads", "2", "--out", Path.Combine(directory, "wrong"));
        Assert.Equal(2, code);
        Assert.Contains("position table", output);
        Assert.False(Directory.Exists(Path.Combine(directory, "wrong")));
    }
}
