using Smoothie.Runtime.Files;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

/// <summary>The shared codec's one-tensor API, which Smoothie.Latent's embedding reader is built on.</summary>
public sealed class SafeTensorsFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("smoothie-safetensors-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void ReadTensorReadsOnlyTheNamedTensorAndListTensorsDescribesTheHeader()
    {
        string path = Path.Combine(directory, "two.safetensors");
        using var scope = NewDisposeScope();
        Tensor first = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        Tensor second = arange(4, dtype: ScalarType.Int64);
        SafeTensorsFile.Write(path, [new("first", first), new("second", second)]);
        string truncated = Path.Combine(directory, "truncated.safetensors");
        File.WriteAllBytes(truncated, File.ReadAllBytes(path)[..^8]);

        IReadOnlyList<SafeTensorsEntry> entries = SafeTensorsFile.ListTensors(path);
        Tensor read = SafeTensorsFile.ReadTensor(truncated, "first");

        Assert.Equal(["first F32 [2, 3]", "second I64 [4]"], entries.Select(e => e.Description));
        Assert.Equal((0L, 24L), (entries[0].Begin, entries[0].End));
        Assert.Equal(new long[] { 2, 3 }, read.shape);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, read.data<float>().ToArray());
        Assert.Contains("'second' ends at data byte 56", Assert.Throws<InvalidDataException>(() => SafeTensorsFile.ReadTensor(truncated, "second")).Message);
        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(truncated));
    }

    [Fact]
    public void AMissingNameIsAnErrorListingTheFileAndItsTensors()
    {
        string path = Path.Combine(directory, "one.safetensors");
        using var scope = NewDisposeScope();
        SafeTensorsFile.Write(path, [new("weight", zeros(3, 2))]);

        var missing = Assert.Throws<ArgumentException>(() => SafeTensorsFile.ReadTensor(path, "bias"));

        Assert.Contains(path, missing.Message);
        Assert.Contains("'bias'", missing.Message);
        Assert.Contains("weight F32 [3, 2]", missing.Message);
        Assert.Throws<FileNotFoundException>(() => SafeTensorsFile.ListTensors(Path.Combine(directory, "none.safetensors")));
    }
}
