namespace Smoothie.Training.Data;

/// <summary>
/// Which rows form the batch of a given step: each epoch is a seeded permutation of the corpus, so the order is a
/// pure function of (seed, step) — a resumed run sees exactly the batches the uninterrupted run would have seen.
/// </summary>
public sealed class EpochBatchOrder
{
    private readonly int count;
    private readonly int batchSize;
    private readonly int seed;
    private int cachedEpoch = -1;
    private int[] permutation = [];

    /// <summary>Creates the order.</summary>
    /// <param name="count">Rows in the corpus (≥ 1).</param>
    /// <param name="batchSize">Rows per batch (≥ 1).</param>
    /// <param name="seed">The run's seed.</param>
    public EpochBatchOrder(int count, int batchSize, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        this.count = count;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /// <summary>Batches per epoch (the last partial batch is dropped when the corpus is larger than a batch).</summary>
    public int BatchesPerEpoch => Math.Max(1, count / batchSize);

    /// <summary>The row indices of the batch used at <paramref name="step"/>.</summary>
    /// <param name="step">The 0-based step (a micro-batch index under gradient accumulation).</param>
    public int[] RowsAt(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        int epoch = (int)(step / BatchesPerEpoch);
        int index = (int)(step % BatchesPerEpoch);
        if (epoch != cachedEpoch)
        {
            permutation = Enumerable.Range(0, count).ToArray();
            new Random(unchecked((seed * 1_000_003) + epoch)).Shuffle(permutation);
            cachedEpoch = epoch;
        }

        var rows = new int[batchSize];
        for (int i = 0; i < batchSize; i++)
        {
            rows[i] = permutation[((index * batchSize) + i) % count];
        }

        return rows;
    }
}
