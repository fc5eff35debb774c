using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Smoothie.Embeddings.Readers;

/// <summary>
/// One initializer (TensorProto) of an ONNX graph: name, shape and element type, with its values decoded on demand from
/// the model bytes (<c>raw_data</c> or <c>float_data</c>).
/// </summary>
public sealed class OnnxInitializer
{
    /// <summary>ONNX <c>TensorProto.DataType.FLOAT</c>.</summary>
    public const int Float = 1;

    /// <summary>ONNX <c>TensorProto.DataType.INT64</c>.</summary>
    public const int Int64 = 7;

    /// <summary>ONNX <c>TensorProto.DataType.DOUBLE</c>.</summary>
    public const int Double = 11;

    /// <summary>ONNX <c>TensorProto.DataType.FLOAT16</c>.</summary>
    public const int Float16 = 10;

    /// <summary>ONNX <c>TensorProto.DataType.BFLOAT16</c>.</summary>
    public const int BFloat16 = 16;

    private readonly byte[] _model;
    private readonly (int Offset, int Length) _rawData;
    private readonly List<(int Offset, int Length)> _packedFloats;
    private readonly List<float> _looseFloats;
    private readonly string _source;

    internal OnnxInitializer(
        string name,
        long[] shape,
        int dataType,
        byte[] model,
        (int Offset, int Length) rawData,
        List<(int Offset, int Length)> packedFloats,
        List<float> looseFloats,
        bool external,
        string source)
    {
        Name = name;
        Shape = shape;
        DataType = dataType;
        IsExternal = external;
        _model = model;
        _rawData = rawData;
        _packedFloats = packedFloats;
        _looseFloats = looseFloats;
        _source = source;
    }

    /// <summary>The initializer name (may be an auto-generated one such as <c>onnx::MatMul_1234</c>).</summary>
    public string Name { get; }

    /// <summary>The dimensions.</summary>
    public long[] Shape { get; }

    /// <summary>The ONNX element type (1 = float32; see the constants of this class).</summary>
    public int DataType { get; }

    /// <summary>Whether the values live in an external data file (not supported by this reader).</summary>
    public bool IsExternal { get; }

    /// <summary>The number of elements (product of <see cref="Shape"/>).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The shape as text, e.g. <c>[384, 1536]</c>.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    /// <summary>Decodes the values to float32 (float32 as is; float16, bfloat16 and double converted).</summary>
    /// <exception cref="InvalidDataException">Unsupported element type, external data, or a value count that disagrees with the shape.</exception>
    public NamedTensor ToTensor()
    {
        if (IsExternal)
        {
            throw new InvalidDataException(
                $"Initializer '{Name}' of '{_source}' stores its values in an external data file, which this reader does not support; "
                + "re-export the model with the weights embedded.");
        }

        long count = ElementCount;
        if (count > Array.MaxLength)
        {
            throw new InvalidDataException($"Initializer '{Name}' of '{_source}' has {count} elements, more than a managed array holds.");
        }

        var data = new float[count];
        ReadOnlySpan<byte> raw = _model.AsSpan(_rawData.Offset, _rawData.Length);
        int elementSize = DataType switch
        {
            Float => 4,
            Float16 or BFloat16 => 2,
            Double => 8,
            _ => throw new InvalidDataException(
                $"Initializer '{Name}' of '{_source}' has ONNX data type {DataType}; expected a floating-point tensor "
                + $"(float32 = {Float}, float16 = {Float16}, bfloat16 = {BFloat16}, double = {Double})."),
        };

        if (_rawData.Length > 0 || (_packedFloats.Count == 0 && _looseFloats.Count == 0))
        {
            if (raw.Length != count * elementSize)
            {
                throw new InvalidDataException(
                    $"Initializer '{Name}' of '{_source}' has shape {ShapeText} ({count} values × {elementSize} bytes) but its raw_data has {raw.Length} bytes.");
            }

            Decode(raw, data);
            return new NamedTensor(Name, Shape, data);
        }

        if (DataType != Float)
        {
            throw new InvalidDataException($"Initializer '{Name}' of '{_source}' has data type {DataType} without raw_data; only float32 float_data is supported.");
        }

        int written = 0;
        foreach ((int offset, int length) in _packedFloats)
        {
            if (length % 4 != 0 || written + (length / 4) > count)
            {
                throw new InvalidDataException($"Initializer '{Name}' of '{_source}': float_data does not match shape {ShapeText}.");
            }

            Decode(_model.AsSpan(offset, length), data.AsSpan(written));
            written += length / 4;
        }

        if (written + _looseFloats.Count != count)
        {
            throw new InvalidDataException(
                $"Initializer '{Name}' of '{_source}' has shape {ShapeText} ({count} values) but float_data holds {written + _looseFloats.Count}.");
        }

        _looseFloats.CopyTo(data, written);
        return new NamedTensor(Name, Shape, data);
    }

    private void Decode(ReadOnlySpan<byte> raw, Span<float> target)
    {
        switch (DataType)
        {
            case Float:
                if (BitConverter.IsLittleEndian)
                {
                    MemoryMarshal.Cast<byte, float>(raw).CopyTo(target);
                }
                else
                {
                    for (int i = 0; i < raw.Length / 4; i++)
                    {
                        target[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
                    }
                }

                break;
            case Float16:
                for (int i = 0; i < raw.Length / 2; i++)
                {
                    target[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(i * 2)..]);
                }

                break;
            case BFloat16:
                for (int i = 0; i < raw.Length / 2; i++)
                {
                    target[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]) << 16);
                }

                break;
            case Double:
                for (int i = 0; i < raw.Length / 8; i++)
                {
                    target[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]);
                }

                break;
        }
    }
}
