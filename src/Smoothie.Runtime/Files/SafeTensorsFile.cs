using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Smoothie.Runtime.Files;

/// <summary>
/// A small reader/writer of the safetensors format: 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// <c>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}</c> (offsets relative
/// to the data section), then the raw little-endian data. Reads F32, F16, BF16, F64, I64 and I32; writes floating
/// tensors as F32 and integer tensors as I64.
/// <para>
/// The one safetensors codec of Smoothie: model checkpoints and pipeline weights (Smoothie.Models) and embedding
/// matrices (Smoothie.Latent's <c>SafetensorsEmbeddingReader</c>) are read and written here. It is kept instead of
/// TorchSharp.PyBridge's codec for measured reasons written in docs/model.md (errors naming the file, tensor and byte
/// offsets; the 8-byte header padding and <c>__metadata__</c>; read and write speed).
/// </para>
/// </summary>
public static class SafeTensorsFile
{
    private const long MaxHeaderBytes = 100L << 20;

    /// <summary>Writes tensors atomically (temporary file + rename). Tensors may live on any device.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="tensors">Named tensors, written in the given order.</param>
    /// <param name="metadata">Optional string metadata stored under <c>__metadata__</c>.</param>
    /// <exception cref="ArgumentException">A name is empty or duplicated, or a tensor has an unsupported dtype.</exception>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensors);
        TorchSharpRuntime.EnsureLoaded();

        var entries = new List<(string Name, string DType, long[] Shape, long Begin, long End, Tensor Source)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        long offset = 0;
        foreach ((string name, Tensor tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name) || name == "__metadata__" || !names.Add(name))
            {
                throw new ArgumentException($"Tensor names must be unique, non-empty and not '__metadata__'; got '{name}'.", nameof(tensors));
            }

            (string dtype, int size) = tensor.is_floating_point() ? ("F32", 4)
                : tensor.dtype is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte ? ("I64", 8)
                : throw new ArgumentException($"Tensor '{name}' has dtype {tensor.dtype}; only floating-point and integer tensors can be written.", nameof(tensors));
            long bytes = tensor.numel() * size;
            entries.Add((name, dtype, tensor.shape, offset, offset + bytes, tensor));
            offset += bytes;
        }

        byte[] header = BuildHeader(entries.Select(e => (e.Name, e.DType, e.Shape, e.Begin, e.End)), metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var entry in entries)
            {
                using var scope = NewDisposeScope();
                ScalarType target = entry.DType == "F32" ? ScalarType.Float32 : ScalarType.Int64;
                Tensor host = entry.Source.detach().to(CPU).to_type(target).contiguous();
                if (!BitConverter.IsLittleEndian)
                {
                    throw new PlatformNotSupportedException("safetensors writing requires a little-endian machine.");
                }

                stream.Write(host.bytes);
            }
        });
    }

    /// <summary>Reads every tensor of a file onto the CPU, in the file's dtype (F16/BF16 stay F16/BF16).</summary>
    /// <param name="path">A safetensors file.</param>
    /// <returns>Name → tensor, in header order. The caller owns (and disposes) the tensors.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or its header is malformed; the message says where.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        using FileStream stream = Open(path);
        (List<SafeTensorsEntry> entries, long dataStart) = ReadHeader(stream, path);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (SafeTensorsEntry entry in entries)
            {
                ReadEntry(stream, path, entry, dataStart, result);
            }
        }
        catch
        {
            foreach (Tensor tensor in result.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        return result;
    }

    /// <summary>Reads one tensor onto the CPU, in the file's dtype; only that tensor's bytes are read.</summary>
    /// <param name="path">A safetensors file.</param>
    /// <param name="name">The tensor name, e.g. <c>bert.embeddings.word_embeddings.weight</c>.</param>
    /// <returns>The tensor; the caller owns (and disposes) it.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">No tensor has that name (the message lists the available ones).</exception>
    /// <exception cref="InvalidDataException">The file is truncated or its header is malformed; the message says where.</exception>
    public static Tensor ReadTensor(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using FileStream stream = Open(path);
        (List<SafeTensorsEntry> entries, long dataStart) = ReadHeader(stream, path);
        SafeTensorsEntry entry = entries.FirstOrDefault(e => e.Name == name)
            ?? throw new ArgumentException(
                $"The safetensors file '{path}' has no tensor named '{name}'. Available ({entries.Count}): " + ListNames(entries.Select(e => e.Description)),
                nameof(name));
        var result = new Dictionary<string, Tensor>(1, StringComparer.Ordinal);
        try
        {
            ReadEntry(stream, path, entry, dataStart, result);
        }
        catch
        {
            foreach (Tensor tensor in result.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        return result[name];
    }

    /// <summary>The header's tensor entries (name, dtype, shape, offsets), in header order; no tensor data is read.</summary>
    /// <param name="path">A safetensors file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or its header is malformed; the message says where.</exception>
    public static IReadOnlyList<SafeTensorsEntry> ListTensors(string path)
    {
        using FileStream stream = Open(path);
        return ReadHeader(stream, path).Entries;
    }

    private static FileStream Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The safetensors file '{path}' does not exist.", path);
        }

        TorchSharpRuntime.EnsureLoaded();
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
    }

    private static (List<SafeTensorsEntry> Entries, long DataStart) ReadHeader(FileStream stream, string path)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
        {
            throw new InvalidDataException($"The safetensors file '{path}' is truncated: {fileLength} bytes, fewer than the 8-byte header length.");
        }

        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)MaxHeaderBytes)
        {
            throw new InvalidDataException($"The safetensors file '{path}' declares a {headerLength}-byte header (limit {MaxHeaderBytes}); it is not a safetensors file or is corrupt.");
        }

        if (8 + (long)headerLength > fileLength)
        {
            throw new InvalidDataException($"The safetensors file '{path}' is truncated: its header needs {headerLength} bytes but only {fileLength - 8} follow the length field.");
        }

        byte[] header = new byte[headerLength];
        stream.ReadExactly(header);
        return (ParseHeader(path, header), 8 + (long)headerLength);
    }

    /// <summary>Checks an entry against the file and reads it straight into a new tensor's memory, added to <paramref name="into"/>.</summary>
    private static void ReadEntry(FileStream stream, string path, SafeTensorsEntry entry, long dataStart, Dictionary<string, Tensor> into)
    {
        long dataLength = stream.Length - dataStart;
        (ScalarType type, int size) = entry.DType switch
        {
            "F32" => (ScalarType.Float32, 4),
            "F16" => (ScalarType.Float16, 2),
            "BF16" => (ScalarType.BFloat16, 2),
            "F64" => (ScalarType.Float64, 8),
            "I64" => (ScalarType.Int64, 8),
            "I32" => (ScalarType.Int32, 4),
            _ => throw new InvalidDataException($"The safetensors file '{path}' stores '{entry.Name}' as {entry.DType}; supported: F32, F16, BF16, F64, I64, I32."),
        };
        long elements = entry.Shape.Aggregate(1L, (a, b) => checked(a * b));
        if (entry.End - entry.Begin != elements * size || entry.Begin < 0 || entry.End < entry.Begin)
        {
            throw new InvalidDataException(
                $"The safetensors file '{path}' is corrupt: '{entry.Name}' ({entry.DType} [{string.Join(", ", entry.Shape)}]) needs {elements * size} bytes but its offsets span [{entry.Begin}, {entry.End}).");
        }

        if (entry.End > dataLength)
        {
            throw new InvalidDataException(
                $"The safetensors file '{path}' is truncated: '{entry.Name}' ends at data byte {entry.End} but the data section has only {dataLength} bytes.");
        }

        // Straight from the file into the tensor's native memory (no managed copy of the data); the offsets were
        // checked against the file length above, so the read cannot run past the end.
        stream.Position = dataStart + entry.Begin;
        Tensor tensor = empty(entry.Shape, dtype: type);
        into.Add(entry.Name, tensor);
        tensor.ReadBytesFromStream(stream);
    }

    /// <summary>A comma-separated list, shortened after <paramref name="limit"/> entries.</summary>
    private static string ListNames(IEnumerable<string> names, int limit = 60)
    {
        List<string> all = names.ToList();
        string shown = string.Join(", ", all.Take(limit));
        return all.Count > limit ? $"{shown}, … ({all.Count - limit} more)" : shown;
    }

    private static byte[] BuildHeader(IEnumerable<(string Name, string DType, long[] Shape, long Begin, long End)> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach ((string key, string value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            foreach (var entry in entries)
            {
                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", entry.DType);
                json.WriteStartArray("shape");
                foreach (long dim in entry.Shape)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(entry.Begin);
                json.WriteNumberValue(entry.End);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        // Pad with spaces to a multiple of 8 so the data section is aligned (as the reference writer does).
        int padded = (int)((buffer.Length + 7) / 8 * 8);
        byte[] header = new byte[padded];
        buffer.ToArray().CopyTo(header, 0);
        header.AsSpan((int)buffer.Length).Fill((byte)' ');
        return header;
    }

    private static List<SafeTensorsEntry> ParseHeader(string path, byte[] header)
    {
        var entries = new List<SafeTensorsEntry>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' ', '\0'));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"The safetensors header of '{path}' is not a JSON object.");
            }

            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    continue;
                }

                JsonElement value = property.Value;
                string dtype = value.GetProperty("dtype").GetString() ?? string.Empty;
                long[] shape = value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                long[] offsets = value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                if (offsets.Length != 2 || shape.Any(s => s < 0))
                {
                    throw new InvalidDataException($"The safetensors header of '{path}' has a malformed entry '{property.Name}'.");
                }

                entries.Add(new SafeTensorsEntry(property.Name, dtype, shape, offsets[0], offsets[1]));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"The safetensors header of '{path}' is malformed: {e.Message}", e);
        }

        return entries;
    }
}
