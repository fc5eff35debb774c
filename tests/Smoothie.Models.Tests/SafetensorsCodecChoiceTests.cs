using Smoothie.Models.Checkpoints;
using Smoothie.Runtime.Files;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

/// <summary>
/// Why safetensors files go through the project's own codec rather than TorchSharp.PyBridge's (docs/model.md): on a
/// truncated file PyBridge fails with a bare end-of-stream error after reading the tensors before the cut, while
/// <see cref="SafeTensorsFile"/> refuses the file up front naming it, the tensor and the offsets; PyBridge also writes no
/// <c>__metadata__</c>. If PyBridge improves, these assertions fail and the choice should be revisited.
/// </summary>
public sealed class SafetensorsCodecChoiceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("smoothie-st-choice-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void OnATruncatedFileOnlyTheOwnCodecNamesTheFileAndTheTensor()
    {
        string path = Path.Combine(directory, "cut.safetensors");
        using (var scope = NewDisposeScope())
        {
            var state = Enumerable.Range(0, 4).ToDictionary(i => $"layer.{i}.weight", _ => randn(20, 30));
            SafeTensorsFile.Write(path, state);
        }

        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^100]);

        var ours = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(path));
        Assert.Contains(path, ours.Message);
        Assert.Contains("layer.3.weight", ours.Message);

        var theirs = Assert.Throws<EndOfStreamException>(() => Safetensors.LoadStateDict(path));
        Assert.DoesNotContain(path, theirs.Message);
        Assert.DoesNotContain("layer.3.weight", theirs.Message);
    }

    [Fact]
    public void OnlyTheOwnCodecWritesMetadata()
    {
        using var scope = NewDisposeScope();
        var state = new Dictionary<string, Tensor> { ["w"] = ones(2, 2) };
        string ours = Path.Combine(directory, "ours.safetensors");
        string theirs = Path.Combine(directory, "theirs.safetensors");
        SafeTensorsFile.Write(ours, state, new Dictionary<string, string> { ["format"] = "pt" });
        using (FileStream stream = File.Create(theirs))
        {
            Safetensors.SaveStateDict(stream, state);
        }

        Assert.Contains("__metadata__", Header(ours));
        Assert.DoesNotContain("__metadata__", Header(theirs));
    }

    private static string Header(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int length = (int)BitConverter.ToUInt64(bytes, 0);
        return System.Text.Encoding.UTF8.GetString(bytes, 8, length);
    }
}
