namespace Smoothie.Models.Checkpoints;

/// <summary>A checkpoint entry whose shape differs from the model's tensor of the same name.</summary>
/// <param name="Name">The state key.</param>
/// <param name="ModelShape">The model's shape.</param>
/// <param name="CheckpointShape">The checkpoint's shape.</param>
public sealed record ShapeMismatch(string Name, IReadOnlyList<long> ModelShape, IReadOnlyList<long> CheckpointShape)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: model [{string.Join(", ", ModelShape)}], checkpoint [{string.Join(", ", CheckpointShape)}]";
}
