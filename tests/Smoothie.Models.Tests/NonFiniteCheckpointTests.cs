using Smoothie.Models.Checkpoints;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

/// <summary>A checkpoint whose weights hold NaN or ±∞ is refused by name instead of loading and generating garbage.</summary>
public sealed class NonFiniteCheckpointTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("smoothie-nonfinite-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("model.safetensors", float.NaN, "1 NaN and 0 infinite")]
    [InlineData("model.safetensors", float.PositiveInfinity, "0 NaN and 1 infinite")]
    [InlineData("model.dat", float.NegativeInfinity, "0 NaN and 1 infinite")]
    public void NonFiniteWeightIsRefusedNamingTheFileAndTheTensor(string fileName, float poison, string counts)
    {
        string path = Path.Combine(directory, fileName);
        using var scope = NewDisposeScope();
        using SmoothieDenoiser written = TestModels.Build(TestModels.Micro, seed: 5);
        using (no_grad())
        {
            written.state_dict()["time_emb.0.weight"][0, 0] = poison;
        }

        DenoiserCheckpoint.Save(written, path);
        using SmoothieDenoiser target = TestModels.Build(TestModels.Micro, seed: 6);
        Tensor before = target.state_dict()["time_emb.0.weight"].clone();

        var error = Assert.Throws<InvalidDataException>(() => DenoiserCheckpoint.Load(target, path));

        Assert.Contains($"The checkpoint '{path}' holds non-finite weights in 1 tensor", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'time_emb.0.weight' has {counts} of", error.Message, StringComparison.Ordinal);
        Assert.Contains("use an earlier checkpoint", error.Message, StringComparison.Ordinal);
        Assert.True(target.state_dict()["time_emb.0.weight"].BitEqual(before), "Nothing may be copied when the weights are not finite.");
    }
}
