using Smoothie.Runtime.Files;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Checkpoints;

/// <summary>
/// Saves and loads a module's parameters and buffers (state keys as in the reference PyTorch <c>state_dict</c>) in
/// TorchSharp's format, safetensors or PyTorch's <c>torch.save</c> format. Writes are atomic; loads check names and shapes
/// first and report what matched.
/// </summary>
public static class DenoiserCheckpoint
{
    /// <summary>
    /// The format implied by a file name: <c>.safetensors</c> → safetensors; <c>.pt</c>, <c>.pth</c>, <c>.bin</c> → PyTorch;
    /// anything else → TorchSharp.
    /// </summary>
    /// <param name="path">A file name.</param>
    /// <returns>The format.</returns>
    public static CheckpointFormat FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".safetensors" => CheckpointFormat.SafeTensors,
            ".pt" or ".pth" or ".bin" => CheckpointFormat.PyTorch,
            _ => CheckpointFormat.TorchSharp,
        };
    }

    /// <summary>Saves every parameter and persistent buffer (floating tensors as float32 in safetensors).</summary>
    /// <param name="module">The model.</param>
    /// <param name="path">Target file (replaced atomically).</param>
    /// <param name="format">Format; null infers it from the extension (<see cref="FormatOf"/>).</param>
    public static void Save(nn.Module module, string path, CheckpointFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        WriteTensors(path, module.state_dict(), format);
    }

    /// <summary>Writes named tensors in a checkpoint format, atomically.</summary>
    /// <param name="path">Target file (replaced atomically).</param>
    /// <param name="tensors">Names → tensors (a state dict).</param>
    /// <param name="format">Format; null infers it from the extension (<see cref="FormatOf"/>).</param>
    public static void WriteTensors(string path, IReadOnlyDictionary<string, Tensor> tensors, CheckpointFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensors);
        switch (format ?? FormatOf(path))
        {
            case CheckpointFormat.SafeTensors:
                SafeTensorsFile.Write(path, tensors, new Dictionary<string, string> { ["format"] = "pt", ["producer"] = "Smoothie.Models" });
                break;
            case CheckpointFormat.TorchSharp:
                TorchSharpStateFile.Write(path, tensors);
                break;
            case CheckpointFormat.PyTorch:
                PyTorchStateFile.Write(path, tensors);
                break;
            default:
                throw new ArgumentException($"Unknown checkpoint format {format}.", nameof(format));
        }
    }

    /// <summary>Reads the named tensors of a checkpoint in any of the formats onto the CPU, without a model.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="format">Format; null detects it (<see cref="DetectFormat"/>).</param>
    /// <param name="weights">Which weights of a training checkpoint (see <see cref="Load"/>).</param>
    /// <returns>Names → tensors; the caller disposes them.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, or has no weights of the kind asked for.</exception>
    public static Dictionary<string, Tensor> ReadTensors(string path, CheckpointFormat? format = null, CheckpointWeights weights = CheckpointWeights.Model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckpointFormat resolved = format ?? DetectFormat(path);
        if (weights == CheckpointWeights.ExponentialMovingAverage && resolved != CheckpointFormat.PyTorch)
        {
            throw new InvalidDataException($"'{path}' is a {resolved} file, which holds model weights only; EMA weights come from the authors' trainer checkpoint (.pt/.pth).");
        }

        return resolved switch
        {
            CheckpointFormat.SafeTensors => SafeTensorsFile.Read(path),
            CheckpointFormat.TorchSharp => TorchSharpStateFile.Read(path),
            CheckpointFormat.PyTorch => ReadPyTorch(path, weights),
            _ => throw new ArgumentException($"Unknown checkpoint format {format}.", nameof(format)),
        };
    }

    /// <summary>Loads a checkpoint into <paramref name="module"/> (on whatever device and dtype it is).</summary>
    /// <param name="module">The model; its shapes must match the checkpoint's.</param>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="format">
    /// Format; null infers it from the content (a zip archive is a PyTorch file, whatever its name) and otherwise from
    /// the extension (<see cref="FormatOf"/>; a <c>.bin</c> that is not a zip archive is read as TorchSharp's format).
    /// </param>
    /// <param name="strict">When true (default), missing or unexpected keys are errors; when false they are reported only.</param>
    /// <param name="weights">
    /// Which weights of a training checkpoint to load (the authors' trainer checkpoint holds model and EMA weights); other
    /// formats hold model weights only.
    /// </param>
    /// <returns>What was loaded, missing, unexpected.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, has no weights of the kind asked for, or holds NaN or infinite weights; nothing was loaded.</exception>
    /// <exception cref="CheckpointMismatchException">Shapes differ, or (strict) keys differ; nothing was loaded.</exception>
    public static LoadReport Load(nn.Module module, string path, CheckpointFormat? format = null, bool strict = true, CheckpointWeights weights = CheckpointWeights.Model)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Dictionary<string, Tensor> tensors = ReadTensors(path, format, weights);
        try
        {
            return StateDictLoader.Apply(module, tensors, strict, path);
        }
        finally
        {
            foreach (Tensor tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>
    /// The format of an existing file: by content when it is a zip archive (PyTorch), otherwise by extension, where a
    /// <c>.bin</c> that is not a zip archive is TorchSharp's format.
    /// </summary>
    /// <param name="path">An existing checkpoint file.</param>
    /// <returns>The format.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CheckpointFormat DetectFormat(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The checkpoint '{path}' does not exist.", path);
        }

        if (PyTorchStateFile.LooksLikePyTorchArchive(path))
        {
            return CheckpointFormat.PyTorch;
        }

        // A .bin that is not a zip archive is TorchSharp's own Module.save format (this library's trainer writes model.bin);
        // a .pt/.pth that is not one is a PyTorch file PyBridge cannot read, and reading it as PyTorch says so.
        return FormatOf(path) == CheckpointFormat.PyTorch && Path.GetExtension(path).Equals(".bin", StringComparison.OrdinalIgnoreCase)
            ? CheckpointFormat.TorchSharp
            : FormatOf(path);
    }

    private static Dictionary<string, Tensor> ReadPyTorch(string path, CheckpointWeights weights)
    {
        PyTorchFileContent content = PyTorchStateFile.Read(path, weights);
        content.Embeddings?.Dispose();
        return content.Tensors;
    }
}
