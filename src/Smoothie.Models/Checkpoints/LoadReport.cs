namespace Smoothie.Models.Checkpoints;

/// <summary>What a checkpoint load matched, like PyTorch's <c>load_state_dict</c> result plus shape checks.</summary>
/// <param name="Loaded">Keys present in both the model and the checkpoint with equal shapes (copied).</param>
/// <param name="Missing">Model keys absent from the checkpoint (left unchanged).</param>
/// <param name="Unexpected">Checkpoint keys the model does not have (ignored).</param>
/// <param name="Mismatched">Keys present in both with different shapes.</param>
public sealed record LoadReport(
    IReadOnlyList<string> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<ShapeMismatch> Mismatched)
{
    /// <summary>Whether every model key was loaded and nothing was left over or mismatched.</summary>
    public bool IsExactMatch => Missing.Count == 0 && Unexpected.Count == 0 && Mismatched.Count == 0;

    /// <inheritdoc />
    public override string ToString()
    {
        var lines = new List<string> { $"loaded {Loaded.Count}, missing {Missing.Count}, unexpected {Unexpected.Count}, shape-mismatched {Mismatched.Count}" };
        lines.AddRange(Missing.Take(20).Select(k => $"  missing:    {k}"));
        lines.AddRange(Unexpected.Take(20).Select(k => $"  unexpected: {k}"));
        lines.AddRange(Mismatched.Take(20).Select(m => $"  mismatched: {m}"));
        return string.Join(Environment.NewLine, lines);
    }
}
