using System.Text;

namespace Smoothie.Latent.Tests;

/// <summary>A tiny protobuf wire-format writer used by the tests to build ONNX files independently of the reader.</summary>
internal sealed class ProtobufWriter
{
    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    public ProtobufWriter Varint(int field, ulong value)
    {
        Tag(field, 0);
        WriteVarint(value);
        return this;
    }

    public ProtobufWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtobufWriter Message(int field, ProtobufWriter message) => Bytes(field, message.ToArray());

    public ProtobufWriter Fixed32(int field, float value)
    {
        Tag(field, 5);
        _buffer.Write(BitConverter.GetBytes(value));
        return this;
    }

    public ProtobufWriter PackedFloats(int field, float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return Bytes(field, bytes);
    }

    private void Tag(int field, int wire) => WriteVarint((ulong)((field << 3) | wire));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _buffer.WriteByte((byte)value);
    }
}

/// <summary>Builds small ONNX ModelProto files: initializers (raw_data or float_data) and nodes.</summary>
internal sealed class OnnxTestModel
{
    private readonly ProtobufWriter _graph = new();

    public OnnxTestModel RawInitializer(string name, long[] dims, float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        _graph.Message(5, Tensor(name, dims, 1).Bytes(9, bytes));
        return this;
    }

    public OnnxTestModel PackedFloatInitializer(string name, long[] dims, float[] values)
    {
        _graph.Message(5, Tensor(name, dims, 1).PackedFloats(4, values));
        return this;
    }

    public OnnxTestModel LooseFloatInitializer(string name, long[] dims, float[] values)
    {
        ProtobufWriter tensor = Tensor(name, dims, 1);
        foreach (float v in values)
        {
            tensor.Fixed32(4, v);
        }

        _graph.Message(5, tensor);
        return this;
    }

    public OnnxTestModel Node(string name, string opType, string[] inputs, string[] outputs)
    {
        var node = new ProtobufWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        foreach (string output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, name).String(4, opType);
        _graph.Message(1, node);
        return this;
    }

    public byte[] Build()
    {
        // ir_version (1), producer_name (2), graph (7) — the unknown fields check that the reader skips what it does not need.
        return new ProtobufWriter().Varint(1, 8).String(2, "smoothie-tests").Message(7, _graph.String(2, "test-graph")).ToArray();
    }

    private static ProtobufWriter Tensor(string name, long[] dims, int dataType)
    {
        var tensor = new ProtobufWriter();
        foreach (long d in dims)
        {
            tensor.Varint(1, (ulong)d);
        }

        return tensor.Varint(2, (ulong)dataType).String(8, name);
    }
}
