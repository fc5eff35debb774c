using static TorchSharp.torch;

namespace Smoothie.Sampling;

/// <summary>One training or sampling batch on the target device. Disposing it frees its tensors.</summary>
public sealed class Seq2SeqBatch : IDisposable
{
    /// <summary>Creates a batch from tensors it then owns.</summary>
    /// <param name="targetIds">Targets <c>[B, L]</c> int64 (for sampling: only the shape matters, may be null).</param>
    /// <param name="sourceIds">Sources <c>[B, S]</c> int64, or null.</param>
    /// <param name="sourceMask">Source mask <c>[B, S]</c> bool, true at real tokens, or null.</param>
    public Seq2SeqBatch(Tensor? targetIds, Tensor? sourceIds, Tensor? sourceMask)
    {
        TargetIds = targetIds;
        SourceIds = sourceIds;
        SourceMask = sourceMask;
    }

    /// <summary>Targets <c>[B, L]</c>.</summary>
    public Tensor? TargetIds { get; }

    /// <summary>Sources <c>[B, S]</c>, or null.</summary>
    public Tensor? SourceIds { get; }

    /// <summary>Source mask <c>[B, S]</c> (true = real token), or null.</summary>
    public Tensor? SourceMask { get; }

    /// <summary>Builds a batch from token rows on <paramref name="device"/>.</summary>
    /// <param name="targets">Target rows, each <paramref name="targetLength"/> ids.</param>
    /// <param name="targetLength">L.</param>
    /// <param name="sources">Source rows (same count), each <paramref name="sourceLength"/> ids, or null when unconditional.</param>
    /// <param name="sourceLength">S (ignored without sources).</param>
    /// <param name="sourcePadId">The source padding id: the mask is false there.</param>
    /// <param name="device">Target device.</param>
    /// <exception cref="ArgumentException">A row has the wrong length, or the counts differ.</exception>
    public static Seq2SeqBatch FromRows(IReadOnlyList<long[]> targets, int targetLength, IReadOnlyList<long[]>? sources, int sourceLength, long sourcePadId, Device device)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Tensor targetIds = Stack(targets, targetLength, device);
        if (sources is null)
        {
            return new Seq2SeqBatch(targetIds, null, null);
        }

        if (sources.Count != targets.Count)
        {
            targetIds.Dispose();
            throw new ArgumentException($"Got {sources.Count} source rows for {targets.Count} target rows; give one source per target.", nameof(sources));
        }

        Tensor sourceIds = Stack(sources, sourceLength, device);
        return new Seq2SeqBatch(targetIds, sourceIds, sourceIds.ne(sourcePadId));
    }

    /// <summary>Builds a sampling batch from source rows only.</summary>
    /// <param name="sources">Source rows of equal length.</param>
    /// <param name="sourcePadId">The padding id.</param>
    /// <param name="device">Target device.</param>
    public static Seq2SeqBatch FromSources(IReadOnlyList<long[]> sources, long sourcePadId, Device device)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw new ArgumentException("At least one source row is required.", nameof(sources));
        }

        int length = sources[0].Length;
        Tensor ids = Stack(sources, length, device);
        return new Seq2SeqBatch(null, ids, ids.ne(sourcePadId));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        TargetIds?.Dispose();
        SourceIds?.Dispose();
        SourceMask?.Dispose();
    }

    private static Tensor Stack(IReadOnlyList<long[]> rows, int length, Device device)
    {
        var flat = new long[rows.Count * length];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != length)
            {
                throw new ArgumentException($"Row {i} has {rows[i].Length} ids, expected {length}.", nameof(rows));
            }

            rows[i].CopyTo(flat, i * length);
        }

        return tensor(flat, [rows.Count, length], dtype: ScalarType.Int64, device: device);
    }
}
