namespace Smoothie.Training.Checkpoints;

/// <summary>
/// A checkpoint could not be written (a full disk, a read-only or vanished folder). Nothing of it was left behind and the
/// previous checkpoint, if any, is untouched and loadable; the message says which one and what to do.
/// </summary>
public sealed class CheckpointWriteException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="step">The step whose checkpoint failed.</param>
    /// <param name="directory">The checkpoint folder.</param>
    /// <param name="previous">The previous checkpoint's folder, or null when there is none.</param>
    /// <param name="inner">The I/O error.</param>
    public CheckpointWriteException(long step, string directory, string? previous, Exception inner)
        : base(
            $"Could not write the checkpoint of step {step} into '{directory}': {inner?.Message} "
            + (previous is null ? "No earlier checkpoint exists. " : $"The previous checkpoint '{previous}' is intact and a run resumes from it. ")
            + "Nothing half-written was left. Free disk space or give a writable output folder, then run again.",
            inner)
    {
        Step = step;
        CheckpointDirectory = directory;
        PreviousCheckpoint = previous;
    }

    /// <summary>The step whose checkpoint failed.</summary>
    public long Step { get; }

    /// <summary>The checkpoint folder.</summary>
    public string CheckpointDirectory { get; }

    /// <summary>The previous checkpoint's folder name, or null.</summary>
    public string? PreviousCheckpoint { get; }
}
