using System.Buffers.Binary;
using System.Text;
using Smoothie.Models.Checkpoints;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Smoothie.Runtime.Files;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("smoothie-models-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("model.bin")]
    [InlineData("model.pt")]
    [InlineData("model.torchsharp")]
    [InlineData("model.safetensors")]
    public void SaveThenLoadGivesBitIdenticalOutputs(string fileName)
    {
        DenoiserConfig config = TestModels.Micro with { UseSelfConditioning = true, EmbeddingSize = 20 };
        string path = Path.Combine(directory, fileName);
        using var scope = NewDisposeScope();
        using SmoothieDenoiser original = TestModels.Build(config, seed: 5);
        using SmoothieDenoiser restored = TestModels.Build(config, seed: 6);
        original.eval();
        restored.eval();
        var batch = TestModels.MakeBatch(config, selfCondition: true);
        Tensor expected = original.forward(batch.Input);
        Assert.False(restored.forward(batch.Input).BitEqual(expected));

        DenoiserCheckpoint.Save(original, path);
        LoadReport report = DenoiserCheckpoint.Load(restored, path);

        Assert.True(report.IsExactMatch, report.ToString());
        Assert.Equal(original.state_dict().Count, report.Loaded.Count);
        Assert.True(restored.forward(batch.Input).BitEqual(expected));
        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
    }

    [Fact]
    public void TorchSharpFileIsReadableByModuleLoad()
    {
        string path = Path.Combine(directory, "interop.dat");
        using var scope = NewDisposeScope();
        using SmoothieDenoiser original = TestModels.Build(TestModels.Micro, seed: 5);
        using SmoothieDenoiser restored = TestModels.Build(TestModels.Micro, seed: 6);
        DenoiserCheckpoint.Save(original, path);

        restored.load(path);

        foreach ((string name, Tensor value) in original.state_dict())
        {
            Assert.True(restored.state_dict()[name].BitEqual(value), name);
        }
    }

    [Fact]
    public void SafeTensorsHeaderFollowsTheFormat()
    {
        string path = Path.Combine(directory, "header.safetensors");
        using var scope = NewDisposeScope();
        Tensor weight = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        Tensor ids = arange(4, dtype: ScalarType.Int64).unsqueeze(0);
        SafeTensorsFile.Write(path, new Dictionary<string, Tensor> { ["a.weight"] = weight, ["position_ids"] = ids });

        byte[] bytes = File.ReadAllBytes(path);
        long headerLength = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, headerLength % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.Contains("\"a.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}", header, StringComparison.Ordinal);
        Assert.Contains("\"position_ids\":{\"dtype\":\"I64\",\"shape\":[1,4],\"data_offsets\":[24,56]}", header, StringComparison.Ordinal);
        Assert.Equal(8 + headerLength + 56, bytes.Length);
        Assert.Equal(5f, BitConverter.ToSingle(bytes, (int)(8 + headerLength + 20)));

        Dictionary<string, Tensor> read = SafeTensorsFile.Read(path);
        Assert.True(read["a.weight"].BitEqual(weight));
        Assert.True(read["position_ids"].BitEqual(ids));
    }

    [Theory]
    [InlineData("BF16", ScalarType.BFloat16)]
    [InlineData("F16", ScalarType.Float16)]
    public void HalfPrecisionSafeTensorsAreReadAndConvertedOnLoad(string dtype, ScalarType type)
    {
        using var scope = NewDisposeScope();
        Tensor values = tensor(new[] { 1.5f, -2.25f, 0.0078125f, 3f }).to_type(type);
        string path = Path.Combine(directory, $"half-{dtype}.safetensors");
        WriteRaw(path, $"{{\"w\":{{\"dtype\":\"{dtype}\",\"shape\":[2,2],\"data_offsets\":[0,8]}}}}", values.bytes.ToArray());

        Dictionary<string, Tensor> read = SafeTensorsFile.Read(path);
        Assert.Equal(type, read["w"].dtype);
        Assert.Equal(new[] { 1.5f, -2.25f, 0.0078125f, 3f }, read["w"].to_type(ScalarType.Float32).data<float>().ToArray());
    }

    [Fact]
    public void TruncatedSafeTensorsFileGivesAClearError()
    {
        string path = Path.Combine(directory, "cut.safetensors");
        using SmoothieDenoiser model = TestModels.Build(TestModels.Micro);
        DenoiserCheckpoint.Save(model, path);
        byte[] bytes = File.ReadAllBytes(path);

        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        var dataCut = Assert.Throws<InvalidDataException>(() => DenoiserCheckpoint.Load(model, path));
        Assert.Contains("truncated", dataCut.Message, StringComparison.Ordinal);
        Assert.Contains("data section has only", dataCut.Message, StringComparison.Ordinal);

        File.WriteAllBytes(path, bytes[..50]);
        var headerCut = Assert.Throws<InvalidDataException>(() => DenoiserCheckpoint.Load(model, path));
        Assert.Contains("truncated", headerCut.Message, StringComparison.Ordinal);

        File.WriteAllBytes(path, bytes[..5]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedTorchSharpFileGivesAClearError()
    {
        string path = Path.Combine(directory, "cut.dat");
        using SmoothieDenoiser model = TestModels.Build(TestModels.Micro);
        DenoiserCheckpoint.Save(model, path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => DenoiserCheckpoint.Load(model, path));
        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("declared entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShapeMismatchIsAClearErrorAndLoadsNothing()
    {
        string path = Path.Combine(directory, "wide.safetensors");
        using var scope = NewDisposeScope();
        using SmoothieDenoiser wide = TestModels.Build(TestModels.Micro with { IntermediateSize = 64 });
        using SmoothieDenoiser narrow = TestModels.Build(TestModels.Micro, seed: 9);
        DenoiserCheckpoint.Save(wide, path);
        Tensor before = narrow.state_dict()["time_emb.0.weight"].clone();

        var error = Assert.Throws<CheckpointMismatchException>(() => DenoiserCheckpoint.Load(narrow, path, strict: false));

        Assert.Contains("encoder.input_blocks.0.intermediate.dense.weight: model [48, 32], checkpoint [64, 32]", error.Message, StringComparison.Ordinal);
        Assert.Equal(6 * 3, error.Report.Mismatched.Count); // 6 blocks (4 denoiser + 2 condition) × intermediate.dense.{weight,bias} + output.dense.weight
        Assert.Equal("path", error.ParamName);
        Assert.True(narrow.state_dict()["time_emb.0.weight"].BitEqual(before), "Nothing may be copied on a mismatch.");
    }

    [Fact]
    public void NonStrictLoadReportsMissingAndUnexpectedKeys()
    {
        string path = Path.Combine(directory, "selfcond.safetensors");
        using SmoothieDenoiser withSelfCond = TestModels.Build(TestModels.Micro with { UseSelfConditioning = true });
        using SmoothieDenoiser plain = TestModels.Build(TestModels.Micro with { TokenHeadVocabularySize = 7 });
        DenoiserCheckpoint.Save(withSelfCond, path);

        Assert.Throws<CheckpointMismatchException>(() => DenoiserCheckpoint.Load(plain, path));
        LoadReport report = DenoiserCheckpoint.Load(plain, path, strict: false);

        Assert.Equal(new[] { "token_head.weight", "token_head.bias" }, report.Missing);
        Assert.Contains("encoder.self_cond_layers.0.weight", report.Unexpected);
        Assert.Contains("self_condition_encoder.blocks.0.output.LayerNorm.bias", report.Unexpected);
        Assert.Equal(4 * 2 + 16, report.Unexpected.Count); // 4 self_cond_layers × (weight, bias) + one 16-tensor block
        Assert.Empty(report.Mismatched);
        Assert.Equal(plain.state_dict().Count - 2, report.Loaded.Count);
    }

    [Fact]
    public void MissingFileIsReported()
    {
        using SmoothieDenoiser model = TestModels.Build(TestModels.Micro);
        Assert.Throws<FileNotFoundException>(() => DenoiserCheckpoint.Load(model, Path.Combine(directory, "absent.safetensors")));
    }

    private static void WriteRaw(string path, string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        using var stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        stream.Write(length);
        stream.Write(json);
        stream.Write(data);
    }
}
