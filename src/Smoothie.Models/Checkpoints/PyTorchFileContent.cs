using static TorchSharp.torch;

namespace Smoothie.Models.Checkpoints;

/// <summary>
/// The weights read from a PyTorch <c>torch.save</c> file, and what the file was. The caller owns <see cref="Tensors"/>
/// and <see cref="Embeddings"/> (dispose them).
/// </summary>
/// <param name="Tensors">Name → tensor of the chosen weights, parameters and buffers, on the CPU.</param>
/// <param name="IsTrainerCheckpoint">Whether the file is the authors' trainer checkpoint (<c>{"model", "ema", …}</c>) rather than a bare state dict.</param>
/// <param name="Weights">Which weights <see cref="Tensors"/> holds.</param>
/// <param name="Step">The training step the trainer checkpoint records, if any.</param>
/// <param name="EmaDecay">The EMA decay the trainer checkpoint records, if any.</param>
/// <param name="Embeddings">The normalised token embeddings the trainer checkpoint records under <c>encoder.embeddings</c>, if any.</param>
public sealed record PyTorchFileContent(
    Dictionary<string, Tensor> Tensors,
    bool IsTrainerCheckpoint,
    CheckpointWeights Weights,
    long? Step,
    double? EmaDecay,
    Tensor? Embeddings);
