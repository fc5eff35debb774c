using Smoothie.Runtime.Files;
using System.Text;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Checkpoints;

/// <summary>
/// Reads and writes TorchSharp's <c>Module.save</c> format (LEB128 entry count; per entry a length-prefixed UTF-8 name
/// and a tensor: LEB128 dtype, rank, dimensions, raw data). Reading yields a plain name → tensor map, so a load can be
/// checked against the model (<see cref="StateDictLoader"/>) before anything is copied.
/// </summary>
public static class TorchSharpStateFile
{
    /// <summary>Writes tensors atomically (temporary file + rename) in the format <c>Module.load</c> reads.</summary>
    /// <param name="path">Target file.</param>
    /// <param name="tensors">Named tensors (e.g. a module's <c>state_dict()</c>).</param>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensors);
        TorchSharpRuntime.EnsureLoaded();
        var copy = tensors.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            nn.Module.save_state_dict(writer, copy);
            writer.Flush();
        });
    }

    /// <summary>Reads every entry onto the CPU.</summary>
    /// <param name="path">A file written by <see cref="Write"/> or by TorchSharp's <c>Module.save</c>.</param>
    /// <returns>Name → tensor in file order; the caller owns the tensors.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or corrupt; the message names the entry.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The TorchSharp checkpoint '{path}' does not exist.", path);
        }

        TorchSharpRuntime.EnsureLoaded();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        long count = -1;
        string current = "(entry count)";
        try
        {
            count = DecodeLeb128(reader);
            if (count < 0 || count > 10_000_000)
            {
                throw new InvalidDataException($"The TorchSharp checkpoint '{path}' declares {count} entries; it is not a TorchSharp checkpoint or is corrupt.");
            }

            for (long i = 0; i < count; i++)
            {
                current = $"entry {i}";
                string name = reader.ReadString();
                current = $"entry {i} ('{name}')";
                long before = stream.Position;
                Tensor tensor = TensorExtensionMethods.Load(reader);
                long needed = tensor.numel() * tensor.element_size();
                if (stream.Position - before < needed)
                {
                    tensor.Dispose();
                    throw new EndOfStreamException();
                }

                result[name] = tensor;
            }
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or IOException or OverflowException or FormatException or System.Runtime.InteropServices.ExternalException)
        {
            foreach (Tensor tensor in result.Values)
            {
                tensor.Dispose();
            }

            string declared = count >= 0 ? $" of {count} declared entries" : string.Empty;
            throw new InvalidDataException(
                $"The TorchSharp checkpoint '{path}' is truncated or corrupt: reading {current}{declared} failed at byte {stream.Position} of {stream.Length}.", e);
        }

        if (stream.Position != stream.Length)
        {
            foreach (Tensor tensor in result.Values)
            {
                tensor.Dispose();
            }

            throw new InvalidDataException($"The TorchSharp checkpoint '{path}' has {stream.Length - stream.Position} unexpected trailing bytes after its {count} entries.");
        }

        return result;
    }

    private static long DecodeLeb128(BinaryReader reader)
    {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = reader.ReadByte();
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new FormatException("An LEB128 integer is longer than 64 bits.");
    }
}
