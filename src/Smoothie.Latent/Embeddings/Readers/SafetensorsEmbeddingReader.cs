using System.Buffers.Binary;
using System.Text.Json;

namespace Smoothie.Latent.Embeddings.Readers;

/// <summary>
/// Reads a tensor by name from a <c>.safetensors</c> file (8-byte little-endian header length, JSON header of
/// <c>{name: {dtype, shape, data_offsets}}</c>, then the data). F32, F16 and BF16 (and F64) are converted to float32.
/// Only the requested tensor's bytes are read.
/// </summary>
public static class SafetensorsEmbeddingReader
{
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>The tensor names of a file with their dtype and shape, e.g. <c>bert.embeddings.word_embeddings.weight F32 [30522, 768]</c>.</summary>
    /// <param name="path">The <c>.safetensors</c> file.</param>
    public static IReadOnlyList<string> ListTensors(string path)
    {
        using FileStream stream = Open(path);
        return ReadHeader(stream, path).Entries.Select(e => $"{e.Name} {e.DType} [{string.Join(", ", e.Shape)}]").ToList();
    }

    /// <summary>Reads one tensor as float32.</summary>
    /// <param name="path">The <c>.safetensors</c> file.</param>
    /// <param name="tensorName">The tensor name, e.g. <c>bert.embeddings.word_embeddings.weight</c>.</param>
    /// <exception cref="ArgumentException">No tensor has that name (the message lists the available ones).</exception>
    /// <exception cref="InvalidDataException">Corrupt or truncated file, or an unsupported dtype.</exception>
    public static NamedTensor ReadTensor(string path, string tensorName)
    {
        ArgumentNullException.ThrowIfNull(tensorName);
        using FileStream stream = Open(path);
        Header header = ReadHeader(stream, path);
        Entry entry = header.Entries.FirstOrDefault(e => e.Name == tensorName)
            ?? throw new ArgumentException(
                $"The safetensors file '{path}' has no tensor named '{tensorName}'. Available ({header.Entries.Count}): "
                + ReaderMessages.ListNames(header.Entries.Select(e => $"{e.Name} {e.DType} [{string.Join(", ", e.Shape)}]")),
                nameof(tensorName));

        int elementSize = entry.DType switch
        {
            "F32" => 4,
            "F16" or "BF16" => 2,
            "F64" => 8,
            _ => throw new InvalidDataException(
                $"Tensor '{tensorName}' of '{path}' has dtype {entry.DType}; expected a floating-point dtype (F32, F16, BF16, F64)."),
        };

        long count = entry.Shape.Aggregate(1L, (a, b) => a * b);
        long bytes = entry.End - entry.Begin;
        if (bytes != count * elementSize)
        {
            throw new InvalidDataException(
                $"Tensor '{tensorName}' of '{path}' has shape [{string.Join(", ", entry.Shape)}] {entry.DType} ({count * elementSize} bytes) "
                + $"but its data_offsets span {bytes} bytes.");
        }

        long start = header.DataStart + entry.Begin;
        if (start + bytes > stream.Length)
        {
            throw new InvalidDataException(
                $"'{path}' is truncated: tensor '{tensorName}' needs bytes {start}..{start + bytes} but the file has {stream.Length}.");
        }

        if (count > Array.MaxLength)
        {
            throw new InvalidDataException($"Tensor '{tensorName}' of '{path}' has {count} elements, more than a managed array holds.");
        }

        var raw = new byte[bytes];
        stream.Position = start;
        stream.ReadExactly(raw);
        var data = new float[count];
        for (long i = 0; i < count; i++)
        {
            data[i] = entry.DType switch
            {
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan((int)(i * 4))),
                "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(raw.AsSpan((int)(i * 2))),
                "BF16" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan((int)(i * 2))) << 16),
                _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan((int)(i * 8))),
            };
        }

        return new NamedTensor(tensorName, entry.Shape, data);
    }

    /// <summary>Reads a 2-D tensor as embeddings aligned with <paramref name="vocabulary"/>.</summary>
    /// <param name="path">The <c>.safetensors</c> file.</param>
    /// <param name="tensorName">The tensor name.</param>
    /// <param name="vocabulary">The tokens, one per row.</param>
    /// <param name="source">The identity recorded in <see cref="TokenEmbeddings.Source"/>; defaults to <c>safetensors:{file}#{name}</c>.</param>
    /// <exception cref="ArgumentException">Missing tensor name, or vocabulary size ≠ rows.</exception>
    /// <exception cref="InvalidDataException">Not 2-D, NaN/Inf values, or a corrupt file.</exception>
    public static TokenEmbeddings ReadEmbeddings(string path, string tensorName, IReadOnlyList<string> vocabulary, string? source = null)
    {
        NamedTensor tensor = ReadTensor(path, tensorName);
        return ReaderMessages.ToEmbeddings(tensor, vocabulary, path, source ?? $"safetensors:{Path.GetFileName(path)}#{tensorName}");
    }

    private static FileStream Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The safetensors file '{path}' does not exist.", path);
        }

        return File.OpenRead(path);
    }

    private static Header ReadHeader(FileStream stream, string path)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.Length < 8)
        {
            throw new InvalidDataException($"'{path}' is not a safetensors file: it has {stream.Length} bytes, fewer than the 8-byte header length.");
        }

        stream.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes || (long)headerLength > stream.Length - 8)
        {
            throw new InvalidDataException(
                $"'{path}' is not a readable safetensors file: its header claims {headerLength} bytes but the file has {stream.Length - 8} after the length prefix.");
        }

        var json = new byte[headerLength];
        stream.ReadExactly(json);
        var entries = new List<Entry>();
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    continue;
                }

                JsonElement value = property.Value;
                string dtype = value.GetProperty("dtype").GetString() ?? string.Empty;
                long[] shape = value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                long[] offsets = value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
                {
                    throw new InvalidDataException($"'{path}': tensor '{property.Name}' has invalid data_offsets.");
                }

                entries.Add(new Entry(property.Name, dtype, shape, offsets[0], offsets[1]));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"'{path}' is not a readable safetensors file: the JSON header is invalid ({e.Message}).", e);
        }

        return new Header(entries, 8 + (long)headerLength);
    }

    private sealed record Entry(string Name, string DType, long[] Shape, long Begin, long End);

    private sealed record Header(List<Entry> Entries, long DataStart);
}
