using Smoothie.Runtime.Files;
using static TorchSharp.torch;

namespace Smoothie.Embeddings.Readers;

/// <summary>
/// Reads an embedding matrix by name from a <c>.safetensors</c> file through the shared codec
/// (<see cref="SafeTensorsFile"/>, Smoothie.Runtime): F32, F16, BF16 and F64 are converted to float32. Only the requested
/// tensor's bytes are read.
/// </summary>
public static class SafetensorsEmbeddingReader
{
    /// <summary>The tensor names of a file with their dtype and shape, e.g. <c>bert.embeddings.word_embeddings.weight F32 [30522, 768]</c>.</summary>
    /// <param name="path">The <c>.safetensors</c> file.</param>
    public static IReadOnlyList<string> ListTensors(string path) =>
        SafeTensorsFile.ListTensors(path).Select(e => e.Description).ToList();

    /// <summary>Reads one tensor as float32.</summary>
    /// <param name="path">The <c>.safetensors</c> file.</param>
    /// <param name="tensorName">The tensor name, e.g. <c>bert.embeddings.word_embeddings.weight</c>.</param>
    /// <exception cref="ArgumentException">No tensor has that name (the message lists the available ones).</exception>
    /// <exception cref="InvalidDataException">Corrupt or truncated file, or a dtype that is not floating-point.</exception>
    public static NamedTensor ReadTensor(string path, string tensorName)
    {
        ArgumentNullException.ThrowIfNull(tensorName);
        IReadOnlyList<SafeTensorsEntry> entries = SafeTensorsFile.ListTensors(path);
        SafeTensorsEntry entry = entries.FirstOrDefault(e => e.Name == tensorName)
            ?? throw new ArgumentException(
                $"The safetensors file '{path}' has no tensor named '{tensorName}'. Available ({entries.Count}): "
                + ReaderMessages.ListNames(entries.Select(e => e.Description)),
                nameof(tensorName));
        if (entry.DType is not ("F32" or "F16" or "BF16" or "F64"))
        {
            throw new InvalidDataException(
                $"Tensor '{tensorName}' of '{path}' has dtype {entry.DType}; expected a floating-point dtype (F32, F16, BF16, F64).");
        }

        long count = entry.Shape.Aggregate(1L, (a, b) => checked(a * b));
        if (count > Array.MaxLength)
        {
            throw new InvalidDataException($"Tensor '{tensorName}' of '{path}' has {count} elements, more than a managed array holds.");
        }

        using Tensor stored = SafeTensorsFile.ReadTensor(path, tensorName);
        using Tensor values = stored.to_type(ScalarType.Float32);
        return new NamedTensor(tensorName, entry.Shape, values.data<float>().ToArray());
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
}
