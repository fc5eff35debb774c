using Smoothie.Models.Checkpoints;
using Smoothie.Runtime.Files;
using static TorchSharp.torch;

namespace Smoothie.Cli.Tests;

/// <summary><c>smoothie convert</c> on a trainer checkpoint written by the authors' PyTorch code (Models test fixture).</summary>
public sealed class ConvertCommandTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Reference", "cross-attention");
    private readonly string directory = Directory.CreateTempSubdirectory("smoothie-convert-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void TrainerCheckpointToSafetensorsAndBackKeepsTheEmaWeights()
    {
        string safetensors = Path.Combine(directory, "model.safetensors");
        string embeddings = Path.Combine(directory, "embeddings.safetensors");
        string back = Path.Combine(directory, "model.pt");

        (int code, string output) = CliRun.Invoke("convert", "--from", Path.Combine(Fixture, "trainer_checkpoint.pth"), "--to", safetensors, "--ema", "--embeddings-out", embeddings);
        Assert.Equal(0, code);
        Assert.Contains("trainer checkpoint, step 3, EMA weights taken", output);
        Assert.Contains("158 tensors", output);
        Assert.Contains("[30, 16]", output);

        (code, output) = CliRun.Invoke("convert", "--from", safetensors, "--to", back);
        Assert.Equal(0, code);
        Assert.Contains("Wrote", output);

        using var scope = NewDisposeScope();
        PyTorchFileContent ema = PyTorchStateFile.Read(Path.Combine(Fixture, "trainer_checkpoint.pth"), CheckpointWeights.ExponentialMovingAverage);
        Dictionary<string, Tensor> written = PyTorchStateFile.Read(back).Tensors;
        Assert.Equal(ema.Tensors.Count, written.Count);
        Assert.All(written, kv => Assert.True(kv.Value.equal(ema.Tensors[kv.Key]).all().item<bool>(), kv.Key));
        Assert.True(SafeTensorsFile.Read(embeddings)["embeddings"].equal(ema.Embeddings!).all().item<bool>());
    }

    [Fact]
    public void FilesThatAreNotCheckpointsAreBadInputNamingTheFile()
    {
        string text = Path.Combine(directory, "notes.pt");
        File.WriteAllText(text, "hello");
        (int code, string output) = CliRun.Invoke("convert", "--from", text, "--to", Path.Combine(directory, "x.safetensors"));
        Assert.Equal(2, code);
        Assert.Contains("notes.pt", output);
        Assert.Contains("zip", output);

        (code, output) = CliRun.Invoke("convert", "--from", Path.Combine(Fixture, "state_dict.pt"), "--to", Path.Combine(directory, "y.safetensors"), "--ema");
        Assert.Equal(2, code);
        Assert.Contains("no EMA", output);

        (code, output) = CliRun.Invoke("convert", "--from", Path.Combine(Fixture, "state_dict.pt"), "--to", Path.Combine(Fixture, "state_dict.pt"));
        Assert.Equal(2, code);
        Assert.Contains("--to must differ", output);
        Assert.False(File.Exists(Path.Combine(directory, "x.safetensors")));
    }
}
