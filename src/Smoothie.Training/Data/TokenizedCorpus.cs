using Smoothie.Sampling;
using static TorchSharp.torch;

namespace Smoothie.Training.Data;

/// <summary>
/// Seq2seq (or unconditional) training data as fixed-length token id rows: targets <c>[N, L]</c> and optional
/// sources <c>[N, S]</c>, already padded, in the ids the latent space uses (e.g. a sub-vocabulary).
/// </summary>
public sealed class TokenizedCorpus
{
    /// <summary>Creates the corpus, validating that every row has the declared length.</summary>
    /// <param name="targets">Target rows, each of length <paramref name="targetLength"/>.</param>
    /// <param name="sources">Source rows (same count as targets), each of length <paramref name="sourceLength"/>, or null for unconditional data.</param>
    /// <param name="targetLength">L.</param>
    /// <param name="sourceLength">S (ignored when <paramref name="sources"/> is null).</param>
    /// <param name="sourcePadId">The id marking source padding (for the source attention mask).</param>
    public TokenizedCorpus(IReadOnlyList<long[]> targets, IReadOnlyList<long[]>? sources, int targetLength, int sourceLength, long sourcePadId)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count == 0)
        {
            throw new ArgumentException("The corpus has no rows.", nameof(targets));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(targetLength, 1);
        for (int i = 0; i < targets.Count; i++)
        {
            if (targets[i].Length != targetLength)
            {
                throw new ArgumentException($"Target row {i} has {targets[i].Length} ids, expected {targetLength} (pad or truncate first).", nameof(targets));
            }
        }

        if (sources is not null)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(sourceLength, 1);
            if (sources.Count != targets.Count)
            {
                throw new ArgumentException($"There are {sources.Count} source rows for {targets.Count} target rows.", nameof(sources));
            }

            for (int i = 0; i < sources.Count; i++)
            {
                if (sources[i].Length != sourceLength)
                {
                    throw new ArgumentException($"Source row {i} has {sources[i].Length} ids, expected {sourceLength}.", nameof(sources));
                }
            }
        }

        Targets = targets;
        Sources = sources;
        TargetLength = targetLength;
        SourceLength = sources is null ? 0 : sourceLength;
        SourcePadId = sourcePadId;
    }

    /// <summary>Target rows.</summary>
    public IReadOnlyList<long[]> Targets { get; }

    /// <summary>Source rows, or null for unconditional data.</summary>
    public IReadOnlyList<long[]>? Sources { get; }

    /// <summary>Target length L.</summary>
    public int TargetLength { get; }

    /// <summary>Source length S (0 when unconditional).</summary>
    public int SourceLength { get; }

    /// <summary>The source padding id.</summary>
    public long SourcePadId { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Targets.Count;

    /// <summary>True when rows have sources.</summary>
    public bool IsConditional => Sources is not null;

    /// <summary>The batch of the given rows on <paramref name="device"/>.</summary>
    /// <param name="rows">Row indices.</param>
    /// <param name="device">Target device.</param>
    public Seq2SeqBatch Batch(IReadOnlyList<int> rows, Device device)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Seq2SeqBatch.FromRows(
            rows.Select(r => Targets[r]).ToList(), TargetLength, Sources is null ? null : rows.Select(r => Sources[r]).ToList(), SourceLength, SourcePadId, device);
    }
}
