namespace Smoothie.Training.Trainer;

/// <summary>How a training run ended.</summary>
/// <param name="Steps">Optimisation steps completed in total (including steps before a resume).</param>
/// <param name="Losses">The training loss of each step of this run (after a resume: only the new steps).</param>
/// <param name="LastValidationLoss">The last validation loss, or null.</param>
/// <param name="Cancelled">True when the run stopped because of cancellation.</param>
/// <param name="StoppedByTime">True when the time budget ended the run.</param>
/// <param name="Elapsed">Wall-clock time of this run.</param>
public sealed record TrainingRunResult(long Steps, IReadOnlyList<double> Losses, double? LastValidationLoss, bool Cancelled, bool StoppedByTime, TimeSpan Elapsed);
