using Smoothie.Runtime.Files;
using Smoothie.Runtime;
using static TorchSharp.torch;

namespace Smoothie.Models.Checkpoints;

/// <summary>
/// Converts weights between PyTorch <c>torch.save</c> files (a bare state dict or the authors' trainer checkpoint),
/// safetensors and TorchSharp's format, without building a model: names, shapes, dtypes and values are kept.
/// </summary>
public static class CheckpointConverter
{
    /// <summary>Reads <paramref name="source"/> and writes its weights to <paramref name="target"/> (atomically).</summary>
    /// <param name="source">The file to read; its format is detected (<see cref="DenoiserCheckpoint.DetectFormat"/>).</param>
    /// <param name="target">The file to write; its format follows its extension (<see cref="DenoiserCheckpoint.FormatOf"/>).</param>
    /// <param name="weights">Which weights of a trainer checkpoint to take (EMA only exists there).</param>
    /// <param name="embeddingsPath">
    /// Where to write the normalised token embeddings a trainer checkpoint records (<c>encoder.embeddings</c>, as
    /// safetensors under the name <c>embeddings</c>), or null to skip them.
    /// </param>
    /// <returns>What was read and written.</returns>
    /// <exception cref="FileNotFoundException">The source does not exist.</exception>
    /// <exception cref="InvalidDataException">The source cannot be read, has no EMA when asked for it, or has no embeddings when asked to write them.</exception>
    /// <exception cref="ArgumentException">Source and target are the same file.</exception>
    public static ConversionReport Convert(string source, string target, CheckpointWeights weights = CheckpointWeights.Model, string? embeddingsPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (string.Equals(Path.GetFullPath(source), Path.GetFullPath(target), StringComparison.Ordinal))
        {
            throw new ArgumentException($"--to must differ from --from ('{source}'): converting in place could lose the only copy.", nameof(target));
        }

        TorchSharpRuntime.EnsureLoaded();
        CheckpointFormat sourceFormat = DenoiserCheckpoint.DetectFormat(source);
        CheckpointFormat targetFormat = DenoiserCheckpoint.FormatOf(target);
        using var scope = NewDisposeScope();
        PyTorchFileContent content = sourceFormat == CheckpointFormat.PyTorch
            ? PyTorchStateFile.Read(source, weights)
            : new(DenoiserCheckpoint.ReadTensors(source, sourceFormat, weights), false, CheckpointWeights.Model, null, null, null);
        if (embeddingsPath is not null && content.Embeddings is null)
        {
            throw new InvalidDataException($"'{source}' records no token embeddings (only the authors' trainer checkpoint has \"encoder\".\"embeddings\"); drop --embeddings-out.");
        }

        DenoiserCheckpoint.WriteTensors(target, content.Tensors, targetFormat);
        if (embeddingsPath is not null)
        {
            SafeTensorsFile.Write(embeddingsPath, new Dictionary<string, Tensor> { ["embeddings"] = content.Embeddings! });
        }

        return new ConversionReport(
            sourceFormat,
            targetFormat,
            content.Tensors.Count,
            content.Tensors.Values.Sum(t => t.numel()),
            content.IsTrainerCheckpoint,
            content.Weights,
            content.Step,
            content.Embeddings?.shape);
    }
}
