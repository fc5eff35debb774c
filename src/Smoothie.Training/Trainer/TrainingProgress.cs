namespace Smoothie.Training.Trainer;

/// <summary>A progress report after an optimisation step.</summary>
/// <param name="Step">Optimisation steps done.</param>
/// <param name="MaxSteps">The step limit, or null.</param>
/// <param name="Loss">The step's training loss.</param>
/// <param name="LearningRate">The learning rate used.</param>
/// <param name="GradientNorm">The global gradient norm before clipping.</param>
/// <param name="StepsPerSecond">Recent throughput in steps.</param>
/// <param name="TokensPerSecond">Recent throughput in target tokens.</param>
/// <param name="Elapsed">Wall-clock time since the run (or resume) started.</param>
/// <param name="Remaining">Estimated time to the step or time limit, or null when unknown.</param>
public sealed record TrainingProgress(
    long Step,
    long? MaxSteps,
    double Loss,
    double LearningRate,
    double GradientNorm,
    double StepsPerSecond,
    double TokensPerSecond,
    TimeSpan Elapsed,
    TimeSpan? Remaining);
