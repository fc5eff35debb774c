using static TorchSharp.torch;

namespace Smoothie.Training.Trainer;

/// <summary>
/// Loss-weighted importance sampling of the training time t (as in Nichol &amp; Dhariwal's improved DDPM, with the mean
/// loss instead of its root mean square). [ε, 1] is split into <see cref="Bins"/> equal bins; each keeps a running mean
/// of the per-sequence loss at its times. A bin is drawn with p_k = 0.9·ℓ_k/Σℓ + 0.1/K, t uniformly inside it, and
/// the sequence's loss is weighted by 1/(K·p_k), which keeps the expected objective equal to the uniform one while
/// spending more samples where the loss is high. Until every bin has been observed, sampling is uniform.
/// </summary>
/// <remarks>
/// The statistics live in memory: a resumed run re-estimates them (uniform sampling for its first few steps), so a resume
/// is exact only with <see cref="TimeSampling.Uniform"/>. Randomness comes from the global generator, which the trainer
/// seeds per step.
/// </remarks>
public sealed class LossWeightedTimeSampler
{
    private const double UniformShare = 0.1;
    private const double RunningMeanRate = 0.05;
    private readonly double[] meanLoss;
    private readonly bool[] seen;
    private readonly double minTime;

    /// <summary>Creates the sampler.</summary>
    /// <param name="bins">Number of time bins K (≥ 2).</param>
    /// <param name="minTime">The smallest time ε, in [0, 1).</param>
    public LossWeightedTimeSampler(int bins = 20, double minTime = 1e-5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        if (!(minTime >= 0 && minTime < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minTime), minTime, "The smallest time must lie in [0, 1).");
        }

        meanLoss = new double[bins];
        seen = new bool[bins];
        this.minTime = minTime;
    }

    /// <summary>Number of time bins K.</summary>
    public int Bins => meanLoss.Length;

    /// <summary>The current probability of each bin.</summary>
    public double[] Probabilities()
    {
        int k = Bins;
        double total = meanLoss.Sum();
        if (seen.Any(s => !s) || !(total > 0))
        {
            return Enumerable.Repeat(1.0 / k, k).ToArray();
        }

        return meanLoss.Select(l => ((1 - UniformShare) * l / total) + (UniformShare / k)).ToArray();
    }

    /// <summary>Draws times <c>[B]</c> and their importance weights <c>[B]</c> (mean 1 in expectation).</summary>
    /// <param name="count">Batch size B.</param>
    /// <param name="device">Where the tensors go.</param>
    public (Tensor Times, Tensor Weights) Sample(long count, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        double[] p = Probabilities();
        Tensor probabilities = tensor(p.Select(v => (float)v).ToArray());
        Tensor bins = probabilities.multinomial(count, replacement: true);
        Tensor within = rand(count);
        Tensor fraction = (bins.to(ScalarType.Float32) + within) / Bins;
        Tensor times = (fraction * (1 - minTime)) + minTime;
        Tensor weights = probabilities.index_select(0, bins).mul(Bins).reciprocal();
        return (times.to(device), weights.to(device));
    }

    /// <summary>Folds observed per-sequence losses into the running means of their bins (one device → CPU copy).</summary>
    /// <param name="times">The times the losses were measured at, <c>[B]</c>.</param>
    /// <param name="losses">Per-sequence losses <c>[B]</c> (unweighted).</param>
    public void Observe(Tensor times, Tensor losses)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(losses);
        float[] t = times.detach().to(ScalarType.Float32).cpu().data<float>().ToArray();
        float[] l = losses.detach().to(ScalarType.Float32).cpu().data<float>().ToArray();
        if (t.Length != l.Length)
        {
            throw new ArgumentException($"Got {t.Length} times but {l.Length} losses.", nameof(losses));
        }

        for (int i = 0; i < t.Length; i++)
        {
            if (!float.IsFinite(l[i]))
            {
                continue;
            }

            int bin = Math.Clamp((int)((t[i] - minTime) / (1 - minTime) * Bins), 0, Bins - 1);
            meanLoss[bin] = seen[bin] ? ((1 - RunningMeanRate) * meanLoss[bin]) + (RunningMeanRate * l[i]) : l[i];
            seen[bin] = true;
        }
    }
}
