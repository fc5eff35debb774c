namespace Smoothie.Training.Trainer;

/// <summary>How training draws the diffusion time t of each sequence.</summary>
public enum TimeSampling
{
    /// <summary>t ~ U(ε, 1) (the paper).</summary>
    Uniform,

    /// <summary>
    /// Importance sampling: t is drawn per bin with probability proportional to the bin's running loss (mixed with 10 %
    /// uniform), and each sequence's loss is weighted by 1/(K·p) so the objective's expectation is unchanged
    /// (<see cref="LossWeightedTimeSampler"/>).
    /// </summary>
    LossWeighted,
}
