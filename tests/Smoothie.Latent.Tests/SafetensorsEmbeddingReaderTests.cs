using System.Buffers.Binary;
using System.Text;
using Smoothie.Embeddings;
using Smoothie.Embeddings.Readers;

namespace Smoothie.Latent.Tests;

public class SafetensorsEmbeddingReaderTests
{
    private static readonly float[] Values = [1f, -2.5f, 0.15625f, 3f, 1024f, -0.001f];

    [Theory]
    [InlineData("F32")]
    [InlineData("F16")]
    [InlineData("BF16")]
    public void ReadsATensorByNameInEachFloatDtype(string dtype)
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        WriteSafetensors(path, [("other.bias", "F32", [2], Encode("F32", [7, 8])), ("bert.embeddings.word_embeddings.weight", dtype, [3, 2], Encode(dtype, Values))]);

        NamedTensor tensor = SafetensorsEmbeddingReader.ReadTensor(path, "bert.embeddings.word_embeddings.weight");

        Assert.Equal(new long[] { 3, 2 }, tensor.Shape);
        float tolerance = dtype switch { "F32" => 0f, "F16" => 1e-3f, _ => 1e-2f };
        for (int i = 0; i < Values.Length; i++)
        {
            Assert.InRange(tensor.Data[i], Values[i] - (Math.Abs(Values[i]) * tolerance) - 1e-6f, Values[i] + (Math.Abs(Values[i]) * tolerance) + 1e-6f);
        }

        Assert.Equal(new float[] { 7, 8 }, SafetensorsEmbeddingReader.ReadTensor(path, "other.bias").Data);
    }

    [Fact]
    public void EmbeddingsAreAlignedAndMismatchAndMissingNamesAreExplained()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        WriteSafetensors(path, [("emb", "F32", [3, 2], Encode("F32", Values)), ("pos", "F32", [1, 2], Encode("F32", [1, 2]))]);

        TokenEmbeddings embeddings = SafetensorsEmbeddingReader.ReadEmbeddings(path, "emb", ["a", "b", "c"]);
        var mismatch = Assert.Throws<ArgumentException>(() => SafetensorsEmbeddingReader.ReadEmbeddings(path, "emb", ["a", "b"]));
        var missing = Assert.Throws<ArgumentException>(() => SafetensorsEmbeddingReader.ReadTensor(path, "word_embeddings"));

        Assert.Equal(new float[] { 1024f, -0.001f }, embeddings.Row(2).ToArray());
        Assert.Contains("2 tokens", mismatch.Message);
        Assert.Contains("3 rows", mismatch.Message);
        Assert.Contains("'word_embeddings'", missing.Message);
        Assert.Contains("emb F32 [3, 2]", missing.Message);
        Assert.Contains("pos F32 [1, 2]", missing.Message);
        Assert.Contains(path, missing.Message);
        Assert.Equal(["emb F32 [3, 2]", "pos F32 [1, 2]"], SafetensorsEmbeddingReader.ListTensors(path));
    }

    [Fact]
    public void TruncatedCorruptAndNonFiniteFilesAreRejected()
    {
        using var folder = new TempFolder();
        string good = folder.File("good.safetensors");
        WriteSafetensors(good, [("emb", "F32", [3, 2], Encode("F32", Values))]);
        string truncated = folder.File("truncated.safetensors");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..^4]);
        string garbage = folder.File("garbage.safetensors");
        File.WriteAllBytes(garbage, Encoding.UTF8.GetBytes("this is not a safetensors file at all"));
        string nan = folder.File("nan.safetensors");
        WriteSafetensors(nan, [("emb", "F32", [2, 1], Encode("F32", [1, float.PositiveInfinity]))]);

        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => SafetensorsEmbeddingReader.ReadTensor(truncated, "emb")).Message);
        Assert.Contains(garbage, Assert.Throws<InvalidDataException>(() => SafetensorsEmbeddingReader.ReadTensor(garbage, "emb")).Message);
        var infinite = Assert.Throws<InvalidDataException>(() => SafetensorsEmbeddingReader.ReadEmbeddings(nan, "emb", ["a", "b"]));
        Assert.Contains(nan, infinite.Message);
        Assert.Contains("row 1", infinite.Message);
        Assert.Throws<FileNotFoundException>(() => SafetensorsEmbeddingReader.ReadTensor(folder.File("none.safetensors"), "emb"));
    }

    private static byte[] Encode(string dtype, float[] values)
    {
        int size = dtype == "F32" ? 4 : 2;
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            Span<byte> target = bytes.AsSpan(i * size, size);
            switch (dtype)
            {
                case "F32":
                    BinaryPrimitives.WriteSingleLittleEndian(target, values[i]);
                    break;
                case "F16":
                    BinaryPrimitives.WriteHalfLittleEndian(target, (Half)values[i]);
                    break;
                default:
                    BinaryPrimitives.WriteUInt16LittleEndian(target, (ushort)(BitConverter.SingleToUInt32Bits(values[i]) >> 16));
                    break;
            }
        }

        return bytes;
    }

    private static void WriteSafetensors(string path, (string Name, string DType, long[] Shape, byte[] Data)[] tensors)
    {
        var header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        foreach ((string name, string dtype, long[] shape, byte[] data) in tensors)
        {
            header.Append($",\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{offset},{offset + data.Length}]}}");
            offset += data.Length;
        }

        header.Append('}');
        byte[] json = Encoding.UTF8.GetBytes(header.ToString());
        using FileStream stream = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        stream.Write(length);
        stream.Write(json);
        foreach ((_, _, _, byte[] data) in tensors)
        {
            stream.Write(data);
        }
    }
}
