using static TorchSharp.torch;

namespace Smoothie.Sampling;

/// <summary>
/// The key of each sequence's noise stream (<see cref="SamplingOptions.SequenceKeys"/>): the given keys, or the 64-bit
/// FNV-1a hash of what the row is conditioned on — its source ids where the mask is set, then (when sampling starts from
/// given tokens) its start tokens — or, with neither, the row's index. Read once per call, before the first step.
/// </summary>
internal static class SequenceKeyDerivation
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>One key per row of a batch of <paramref name="batch"/> rows.</summary>
    /// <exception cref="ArgumentException">The given keys are not one per row.</exception>
    public static ulong[] For(long batch, Seq2SeqBatch? sources, Tensor? startTokens, SamplingOptions options)
    {
        if (options.SequenceKeys is { } given)
        {
            if (given.Count != batch)
            {
                throw new ArgumentException($"SamplingOptions.SequenceKeys holds {given.Count} keys for {batch} rows; give one key per row, or null to derive them from the sources.", nameof(options));
            }

            return [.. given];
        }

        long[][]? sourceRows = sources?.SourceIds is { } ids ? Rows(ids, sources.SourceMask) : null;
        long[][]? startRows = startTokens is null ? null : Rows(startTokens, null);
        if (sourceRows is null && startRows is null)
        {
            return Enumerable.Range(0, (int)batch).Select(i => (ulong)i).ToArray();
        }

        var keys = new ulong[batch];
        for (int i = 0; i < batch; i++)
        {
            ulong hash = FnvOffset;
            hash = Add(hash, sourceRows?[i] ?? []);
            hash = Add(hash, [-1]);
            keys[i] = Add(hash, startRows?[i] ?? []);
        }

        return keys;
    }

    /// <summary>FNV-1a over the little-endian bytes of each id.</summary>
    private static ulong Add(ulong hash, long[] ids)
    {
        unchecked
        {
            foreach (long id in ids)
            {
                ulong value = (ulong)id;
                for (int b = 0; b < 8; b++)
                {
                    hash = (hash ^ ((value >> (8 * b)) & 0xFF)) * FnvPrime;
                }
            }

            return hash;
        }
    }

    /// <summary>The ids of each row on the host, where <paramref name="mask"/> is set when given.</summary>
    private static long[][] Rows(Tensor ids, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        Tensor cpuIds = ids.to(ScalarType.Int64).cpu().contiguous();
        long rows = cpuIds.shape[0], cols = cpuIds.shape[1];
        long[] flat = cpuIds.data<long>().ToArray();
        bool[]? keep = mask?.to(ScalarType.Bool).cpu().contiguous().data<bool>().ToArray();
        var result = new long[rows][];
        for (long r = 0; r < rows; r++)
        {
            var row = new List<long>((int)cols);
            for (long c = 0; c < cols; c++)
            {
                long at = (r * cols) + c;
                if (keep is null || keep[at])
                {
                    row.Add(flat[at]);
                }
            }

            result[r] = [.. row];
        }

        return result;
    }
}
