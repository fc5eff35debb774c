using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Training.Checkpoints;

/// <summary>A small binary file of named tensors (TorchSharp's tensor encoding), for EMA weights and similar state.</summary>
public static class NamedTensorFile
{
    private const int Magic = 0x534D5454; // "SMTT"

    /// <summary>Writes the tensors atomically.</summary>
    /// <param name="path">The file.</param>
    /// <param name="tensors">Name and tensor pairs.</param>
    public static void Write(string path, IEnumerable<(string Name, Tensor Value)> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(list.Count);
            foreach ((string name, Tensor value) in list)
            {
                writer.Write(name);
                using Tensor cpu = value.detach().cpu();
                cpu.Save(writer);
            }
        });
    }

    /// <summary>Reads every tensor (on the CPU; the caller owns them).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">The file is not of this format or is truncated.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        try
        {
            if (reader.ReadInt32() != Magic)
            {
                throw new InvalidDataException($"'{path}' is not a Smoothie named-tensor file.");
            }

            int count = reader.ReadInt32();
            var result = new Dictionary<string, Tensor>(count, StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                result[name] = TensorExtensionMethods.Load(reader);
            }

            return result;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"'{path}' is truncated.", e);
        }
    }
}
