using System.Buffers.Binary;
using System.Text;

namespace Smoothie.Embeddings.Readers;

/// <summary>
/// A minimal forward-only reader of the protobuf wire format over an in-memory buffer (enough for ONNX models):
/// varints, fixed 32/64-bit values and length-delimited fields, with bounds checks that report truncation.
/// </summary>
internal struct ProtobufReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly byte[] _buffer;
    private readonly int _end;
    private readonly string _source;
    private int _position;

    public ProtobufReader(byte[] buffer, int offset, int length, string source)
    {
        _buffer = buffer;
        _position = offset;
        _end = offset + length;
        _source = source;
    }

    public readonly bool AtEnd => _position >= _end;

    public readonly int Position => _position;

    public bool TryReadTag(out int field, out int wireType)
    {
        if (_position >= _end)
        {
            field = 0;
            wireType = 0;
            return false;
        }

        ulong tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field <= 0)
        {
            throw Corrupt($"invalid field number {field}");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _end)
            {
                throw Corrupt("a varint runs past the end of its message (the file is truncated)");
            }

            byte b = _buffer[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Corrupt("a varint is longer than 10 bytes");
    }

    public (int Offset, int Length) ReadLengthDelimited()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(_end - _position))
        {
            throw Corrupt($"a field of {length} bytes runs past the end of its message ({_end - _position} bytes left; the file is truncated)");
        }

        int offset = _position;
        _position += (int)length;
        return (offset, (int)length);
    }

    public uint ReadFixed32()
    {
        Require(4);
        uint value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_position, 4));
        _position += 4;
        return value;
    }

    public ulong ReadFixed64()
    {
        Require(8);
        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(_position, 8));
        _position += 8;
        return value;
    }

    public string ReadString()
    {
        (int offset, int length) = ReadLengthDelimited();
        return Encoding.UTF8.GetString(_buffer, offset, length);
    }

    public ProtobufReader ReadMessage()
    {
        (int offset, int length) = ReadLengthDelimited();
        return new ProtobufReader(_buffer, offset, length, _source);
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Require(8);
                _position += 8;
                break;
            case LengthDelimited:
                ReadLengthDelimited();
                break;
            case Fixed32:
                Require(4);
                _position += 4;
                break;
            default:
                throw Corrupt($"unsupported wire type {wireType} (groups are not used by ONNX)");
        }
    }

    public readonly InvalidDataException Corrupt(string what) =>
        new($"'{_source}' is not a readable ONNX/protobuf file: {what} at byte {_position}.");

    private readonly void Require(int bytes)
    {
        if (_end - _position < bytes)
        {
            throw Corrupt($"a {bytes}-byte value runs past the end of its message (the file is truncated)");
        }
    }
}
