namespace Smoothie.Training.Checkpoints;

/// <summary>One saved checkpoint: its step, folder name and tracked metric (if any).</summary>
/// <param name="Step">The optimisation step after which it was saved.</param>
/// <param name="Folder">The folder name inside the store.</param>
/// <param name="Metric">The tracked metric at that step, or null.</param>
public sealed record CheckpointInfo(long Step, string Folder, double? Metric);
