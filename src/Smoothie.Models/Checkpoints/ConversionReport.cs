namespace Smoothie.Models.Checkpoints;

/// <summary>What <see cref="CheckpointConverter.Convert"/> read and wrote.</summary>
/// <param name="SourceFormat">Format of the file read.</param>
/// <param name="TargetFormat">Format of the file written.</param>
/// <param name="TensorCount">Number of tensors written (parameters and buffers).</param>
/// <param name="ElementCount">Total number of values in them.</param>
/// <param name="IsTrainerCheckpoint">Whether the source was the authors' trainer checkpoint.</param>
/// <param name="Weights">Which weights were taken.</param>
/// <param name="Step">The training step the source records, if any.</param>
/// <param name="EmbeddingsShape">Shape of the token embeddings written with <c>embeddingsPath</c>, if any.</param>
public sealed record ConversionReport(
    CheckpointFormat SourceFormat,
    CheckpointFormat TargetFormat,
    int TensorCount,
    long ElementCount,
    bool IsTrainerCheckpoint,
    CheckpointWeights Weights,
    long? Step,
    IReadOnlyList<long>? EmbeddingsShape);
