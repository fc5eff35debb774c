namespace Smoothie.Training.Trainer;

/// <summary>Thrown when the loss becomes NaN or infinite; the last good state was checkpointed first.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What diverged, where, and what to try.</param>
    /// <param name="step">The step whose loss was not finite.</param>
    /// <param name="checkpoint">The folder of the last good state, or null when no store was given.</param>
    public TrainingDivergedException(string message, long step, string? checkpoint)
        : base(message)
    {
        Step = step;
        Checkpoint = checkpoint;
    }

    /// <summary>The step whose loss was not finite.</summary>
    public long Step { get; }

    /// <summary>The folder of the last good state, or null.</summary>
    public string? Checkpoint { get; }
}
