using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Checkpoints;

/// <summary>
/// Saves and loads a module's parameters and buffers (state keys as in the reference PyTorch <c>state_dict</c>) in
/// TorchSharp's format or safetensors. Writes are atomic; loads check names and shapes first and report what matched.
/// </summary>
public static class DenoiserCheckpoint
{
    /// <summary>The format implied by a file name: <c>.safetensors</c> → safetensors, anything else → TorchSharp.</summary>
    /// <param name="path">A file name.</param>
    /// <returns>The format.</returns>
    public static CheckpointFormat FormatOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) ? CheckpointFormat.SafeTensors : CheckpointFormat.TorchSharp;
    }

    /// <summary>Saves every parameter and persistent buffer (floating tensors as float32 in safetensors).</summary>
    /// <param name="module">The model.</param>
    /// <param name="path">Target file (replaced atomically).</param>
    /// <param name="format">Format; null infers it from the extension (<see cref="FormatOf"/>).</param>
    public static void Save(nn.Module module, string path, CheckpointFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        Dictionary<string, Tensor> state = module.state_dict();
        switch (format ?? FormatOf(path))
        {
            case CheckpointFormat.SafeTensors:
                SafeTensorsFile.Write(path, state, new Dictionary<string, string> { ["format"] = "pt", ["producer"] = "Smoothie.Models" });
                break;
            case CheckpointFormat.TorchSharp:
                TorchSharpStateFile.Write(path, state);
                break;
            default:
                throw new ArgumentException($"Unknown checkpoint format {format}.", nameof(format));
        }
    }

    /// <summary>Loads a checkpoint into <paramref name="module"/> (on whatever device and dtype it is).</summary>
    /// <param name="module">The model; its shapes must match the checkpoint's.</param>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="format">Format; null infers it from the extension.</param>
    /// <param name="strict">When true (default), missing or unexpected keys are errors; when false they are reported only.</param>
    /// <returns>What was loaded, missing, unexpected.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or corrupt.</exception>
    /// <exception cref="CheckpointMismatchException">Shapes differ, or (strict) keys differ; nothing was loaded.</exception>
    public static LoadReport Load(nn.Module module, string path, CheckpointFormat? format = null, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(module);
        Dictionary<string, Tensor> tensors = (format ?? FormatOf(path)) switch
        {
            CheckpointFormat.SafeTensors => SafeTensorsFile.Read(path),
            CheckpointFormat.TorchSharp => TorchSharpStateFile.Read(path),
            _ => throw new ArgumentException($"Unknown checkpoint format {format}.", nameof(format)),
        };
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
}
