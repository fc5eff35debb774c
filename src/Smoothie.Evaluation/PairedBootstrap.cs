namespace Smoothie.Evaluation;

/// <summary>
/// Paired bootstrap resampling (Koehn 2004), as sacreBLEU's <c>paired_bs</c> draws it: S resamples (default 1,000) of
/// the row indices, each of n rows drawn with replacement, from a generator with a fixed seed (default 12345, sacreBLEU's
/// <c>SACREBLEU_SEED</c>); the same indices score system A and system B, and a corpus-level metric is recomputed on every
/// resample (for BLEU from summed sufficient statistics, see <see cref="BleuBootstrap"/>). The indices come from .NET's
/// seeded <see cref="Random"/>, not from NumPy's generator, so individual resamples differ from sacreBLEU's.
/// <para>
/// Reported: A − B on the full set, the 95 % interval of the resampled differences (the sorted differences at positions
/// ⌊S/40⌋ and S − 1 − ⌊S/40⌋, sacreBLEU's <c>estimate_ci</c> bounds), and a one-sided p: if A − B ≥ 0 on the full set,
/// c = the number of resamples with A − B ≤ 0, otherwise c = the number with A − B ≥ 0; p = (c + 1) / (S + 1). (sacreBLEU
/// instead centres the absolute resampled differences and counts those above the observed one; that statistic calls a
/// system compared with itself significant, p = 1/(S + 1), whereas here identical systems get p = 1.)
/// </para>
/// </summary>
public static class PairedBootstrap
{
    /// <summary>sacreBLEU's number of paired bootstrap resamples.</summary>
    public const int DefaultSamples = 1000;

    /// <summary>sacreBLEU's default seed (<c>SACREBLEU_SEED</c>).</summary>
    public const int DefaultSeed = 12345;

    /// <summary>Compares two systems under one corpus-level metric by paired bootstrap resampling of the rows.</summary>
    /// <param name="rowCount">n, the number of rows both systems were scored on.</param>
    /// <param name="metricA">
    /// System A's corpus metric over a multiset of row indices (each in [0, n), repeats allowed). The list is reused
    /// between calls: read it during the call, do not keep it.
    /// </param>
    /// <param name="metricB">System B's corpus metric over the same row indices.</param>
    /// <param name="samples">S, the number of resamples (at least 1).</param>
    /// <param name="seed">The seed of the index generator.</param>
    /// <exception cref="ArgumentException"><paramref name="rowCount"/> or <paramref name="samples"/> is below 1.</exception>
    public static PairedBootstrapResult Compare(
        int rowCount,
        Func<IReadOnlyList<int>, double> metricA,
        Func<IReadOnlyList<int>, double> metricB,
        int samples = DefaultSamples,
        int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(metricA);
        ArgumentNullException.ThrowIfNull(metricB);
        if (rowCount < 1)
        {
            throw new ArgumentException($"rowCount must be at least 1 to resample rows; got {rowCount}.", nameof(rowCount));
        }

        if (samples < 1)
        {
            throw new ArgumentException($"samples must be at least 1; got {samples}.", nameof(samples));
        }

        int[] indices = Enumerable.Range(0, rowCount).ToArray();
        double scoreA = metricA(indices), scoreB = metricB(indices);
        double difference = scoreA - scoreB;

        var random = new Random(seed);
        var differences = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            for (int i = 0; i < rowCount; i++)
            {
                indices[i] = random.Next(rowCount);
            }

            differences[s] = metricA(indices) - metricB(indices);
        }

        int against = difference >= 0 ? differences.Count(d => d <= 0) : differences.Count(d => d >= 0);
        Array.Sort(differences);
        int tail = samples / 40;
        return new PairedBootstrapResult(
            scoreA, scoreB, difference, differences[tail], differences[samples - 1 - tail], (against + 1.0) / (samples + 1.0), samples, seed);
    }
}
