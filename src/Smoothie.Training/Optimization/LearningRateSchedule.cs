namespace Smoothie.Training.Optimization;

/// <summary>The shape of the learning rate after warm-up.</summary>
public enum LearningRateDecay
{
    /// <summary>Constant after warm-up (the paper's choice).</summary>
    Constant,

    /// <summary>Cosine decay from the peak to <see cref="LearningRateSchedule.MinimumRate"/> at the last step.</summary>
    Cosine,
}

/// <summary>
/// Linear warm-up from <see cref="InitialRate"/> to <see cref="PeakRate"/> over <see cref="WarmupSteps"/> steps, then
/// constant or cosine decay. A pure function of the step, so it needs no state in checkpoints beyond the step.
/// </summary>
public sealed class LearningRateSchedule
{
    /// <summary>Creates a schedule, validating every argument.</summary>
    /// <param name="peakRate">The rate after warm-up (&gt; 0).</param>
    /// <param name="warmupSteps">Steps of linear warm-up (≥ 0).</param>
    /// <param name="decay">What follows the warm-up.</param>
    /// <param name="totalSteps">The last step, needed by cosine decay (≥ 1).</param>
    /// <param name="initialRate">The rate at step 0 (the paper: 1e-8).</param>
    /// <param name="minimumRate">The floor of cosine decay.</param>
    public LearningRateSchedule(double peakRate, int warmupSteps, LearningRateDecay decay = LearningRateDecay.Constant, long totalSteps = 1, double initialRate = 1e-8, double minimumRate = 0)
    {
        if (!(peakRate > 0) || double.IsInfinity(peakRate))
        {
            throw new ArgumentOutOfRangeException(nameof(peakRate), peakRate, "The peak learning rate must be a positive finite number.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1L);
        if (initialRate < 0 || initialRate > peakRate)
        {
            throw new ArgumentOutOfRangeException(nameof(initialRate), initialRate, $"The initial rate must lie in [0, peakRate={peakRate}].");
        }

        if (minimumRate < 0 || minimumRate > peakRate)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumRate), minimumRate, $"The minimum rate must lie in [0, peakRate={peakRate}].");
        }

        PeakRate = peakRate;
        WarmupSteps = warmupSteps;
        Decay = decay;
        TotalSteps = totalSteps;
        InitialRate = initialRate;
        MinimumRate = minimumRate;
    }

    /// <summary>The rate after warm-up.</summary>
    public double PeakRate { get; }

    /// <summary>Steps of linear warm-up.</summary>
    public int WarmupSteps { get; }

    /// <summary>What follows the warm-up.</summary>
    public LearningRateDecay Decay { get; }

    /// <summary>The last step (for cosine decay).</summary>
    public long TotalSteps { get; }

    /// <summary>The rate at step 0.</summary>
    public double InitialRate { get; }

    /// <summary>The floor of cosine decay.</summary>
    public double MinimumRate { get; }

    /// <summary>The learning rate for a (0-based) optimisation step.</summary>
    /// <param name="step">The step about to be taken.</param>
    public double RateAt(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps)
        {
            return InitialRate + ((PeakRate - InitialRate) * step / WarmupSteps);
        }

        if (Decay == LearningRateDecay.Constant || TotalSteps <= WarmupSteps)
        {
            return PeakRate;
        }

        double progress = Math.Min(1.0, (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps));
        return MinimumRate + (0.5 * (PeakRate - MinimumRate) * (1 + Math.Cos(Math.PI * progress)));
    }
}
