using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Embeddings;

/// <summary>
/// A sorted subset of a vocabulary (the tokens that occur in the training targets plus required special tokens) with
/// the id remapping in (original → sub) and out (sub → original), for managed arrays and tensors. Restricting the
/// latent space to it (<see cref="EmbeddingMatrix.Restrict"/>) shrinks every O(V) cost.
/// </summary>
public sealed class SubVocabulary
{
    private readonly int[] originalIds;
    private readonly int[] subIdOf;

    /// <summary>Creates the sub-vocabulary of the given original ids (duplicates are merged, order does not matter).</summary>
    /// <param name="originalIds">Ids of the original vocabulary to keep.</param>
    /// <param name="originalVocabularySize">V of the original vocabulary.</param>
    /// <exception cref="ArgumentException">An id is outside <c>[0, originalVocabularySize)</c>, or no id is given.</exception>
    public SubVocabulary(IEnumerable<int> originalIds, int originalVocabularySize)
    {
        ArgumentNullException.ThrowIfNull(originalIds);
        if (originalVocabularySize <= 0)
        {
            throw new ArgumentException(
                $"The original vocabulary size must be positive, got {originalVocabularySize}.", nameof(originalVocabularySize));
        }

        subIdOf = new int[originalVocabularySize];
        Array.Fill(subIdOf, -1);
        foreach (int id in originalIds)
        {
            if ((uint)id >= (uint)originalVocabularySize)
            {
                throw new ArgumentException(
                    $"Token id {id} is outside the original vocabulary [0, {originalVocabularySize}).", nameof(originalIds));
            }

            subIdOf[id] = 0;
        }

        var kept = new List<int>();
        for (int id = 0; id < originalVocabularySize; id++)
        {
            if (subIdOf[id] == 0)
            {
                subIdOf[id] = kept.Count;
                kept.Add(id);
            }
        }

        if (kept.Count == 0)
        {
            throw new ArgumentException("The sub-vocabulary is empty; at least one token id is required.", nameof(originalIds));
        }

        this.originalIds = [.. kept];
        OriginalVocabularySize = originalVocabularySize;
    }

    /// <summary>
    /// The sub-vocabulary of every id occurring in <paramref name="targets"/> plus <paramref name="requiredIds"/>
    /// (padding, [CLS], [SEP], [UNK], … — whatever generation must be able to emit).
    /// </summary>
    /// <param name="targets">Tokenised training targets (original ids).</param>
    /// <param name="requiredIds">Special token ids always kept.</param>
    /// <param name="originalVocabularySize">V of the original vocabulary.</param>
    /// <exception cref="ArgumentException">An id is outside the original vocabulary.</exception>
    public static SubVocabulary FromTargets(IEnumerable<int[]> targets, IEnumerable<int> requiredIds, int originalVocabularySize)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(requiredIds);
        var ids = new HashSet<int>(requiredIds);
        foreach (int[] target in targets)
        {
            ArgumentNullException.ThrowIfNull(target, nameof(targets));
            foreach (int id in target)
            {
                if ((uint)id >= (uint)originalVocabularySize)
                {
                    throw new ArgumentException(
                        $"Token id {id} in the training targets is outside the original vocabulary [0, {originalVocabularySize}).",
                        nameof(targets));
                }

                ids.Add(id);
            }
        }

        return new SubVocabulary(ids, originalVocabularySize);
    }

    /// <summary>The number of kept tokens (the V of the restricted latent space).</summary>
    public int Count => originalIds.Length;

    /// <summary>V of the original vocabulary.</summary>
    public int OriginalVocabularySize { get; }

    /// <summary>The kept original ids, sorted ascending: sub id <c>i</c> is original id <c>OriginalIds[i]</c>.</summary>
    public IReadOnlyList<int> OriginalIds => originalIds;

    /// <summary>Whether an original id is kept.</summary>
    /// <param name="originalId">An original token id.</param>
    public bool Contains(int originalId) => (uint)originalId < (uint)subIdOf.Length && subIdOf[originalId] >= 0;

    /// <summary>The sub id of an original id.</summary>
    /// <param name="originalId">An original token id that is kept.</param>
    /// <exception cref="ArgumentException">The id is not in the sub-vocabulary.</exception>
    public int ToSub(int originalId)
    {
        if (!Contains(originalId))
        {
            throw NotKept(originalId, nameof(originalId));
        }

        return subIdOf[originalId];
    }

    /// <summary>The original id of a sub id.</summary>
    /// <param name="subId">A sub id in <c>[0, Count)</c>.</param>
    /// <exception cref="ArgumentException">The id is outside <c>[0, Count)</c>.</exception>
    public int ToOriginal(int subId)
    {
        if ((uint)subId >= (uint)originalIds.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(subId), subId, $"Sub id must be in [0, {Count}).");
        }

        return originalIds[subId];
    }

    /// <summary>Maps original ids to sub ids.</summary>
    /// <param name="originalIds">Original ids, all kept.</param>
    /// <exception cref="ArgumentException">An id is not in the sub-vocabulary.</exception>
    public int[] ToSub(ReadOnlySpan<int> originalIds)
    {
        int[] result = new int[originalIds.Length];
        for (int i = 0; i < result.Length; i++)
        {
            int id = originalIds[i];
            if (!Contains(id))
            {
                throw NotKept(id, nameof(originalIds));
            }

            result[i] = subIdOf[id];
        }

        return result;
    }

    /// <summary>Maps sub ids back to original ids.</summary>
    /// <param name="subIds">Sub ids in <c>[0, Count)</c>.</param>
    /// <exception cref="ArgumentException">An id is outside <c>[0, Count)</c>.</exception>
    public int[] ToOriginal(ReadOnlySpan<int> subIds)
    {
        int[] result = new int[subIds.Length];
        for (int i = 0; i < result.Length; i++)
        {
            int id = subIds[i];
            if ((uint)id >= (uint)Count)
            {
                throw new ArgumentException($"Sub id {id} at position {i} is outside [0, {Count}).", nameof(subIds));
            }

            result[i] = originalIds[id];
        }

        return result;
    }

    /// <summary>Maps a tensor of original ids (any shape, integer type) to sub ids (int64, same shape and device).</summary>
    /// <param name="originalIds">Original ids, all kept.</param>
    /// <exception cref="ArgumentException">The tensor is not integer-typed, or an id is not in the sub-vocabulary.</exception>
    public Tensor ToSub(Tensor originalIds)
    {
        ArgumentNullException.ThrowIfNull(originalIds);
        RequireIntegral(originalIds, nameof(originalIds));
        TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        if (originalIds.numel() == 0)
        {
            return originalIds.to(ScalarType.Int64).clone().MoveToOuterDisposeScope();
        }

        Tensor ids = originalIds.to(ScalarType.Int64);
        long min = ids.min().item<long>();
        long max = ids.max().item<long>();
        if (min < 0 || max >= OriginalVocabularySize)
        {
            long bad = min < 0 ? min : max;
            throw new ArgumentException(
                $"Token id {bad} is outside the original vocabulary [0, {OriginalVocabularySize}).", nameof(originalIds));
        }

        Tensor lookup = torch.tensor(subIdOf, ScalarType.Int32, ids.device).to(ScalarType.Int64);
        Tensor mapped = lookup.index_select(0, ids.flatten()).reshape(ids.shape);
        Tensor missing = mapped.lt(0);
        if (missing.any().item<bool>())
        {
            long first = ids.flatten().masked_select(missing.flatten())[0].item<long>();
            throw NotKept(first, nameof(originalIds));
        }

        return mapped.MoveToOuterDisposeScope();
    }

    /// <summary>Maps a tensor of sub ids (any shape, integer type) back to original ids (int64, same shape and device).</summary>
    /// <param name="subIds">Sub ids in <c>[0, Count)</c>.</param>
    /// <exception cref="ArgumentException">The tensor is not integer-typed, or an id is outside <c>[0, Count)</c>.</exception>
    public Tensor ToOriginal(Tensor subIds)
    {
        ArgumentNullException.ThrowIfNull(subIds);
        RequireIntegral(subIds, nameof(subIds));
        TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        if (subIds.numel() == 0)
        {
            return subIds.to(ScalarType.Int64).clone().MoveToOuterDisposeScope();
        }

        Tensor ids = subIds.to(ScalarType.Int64);
        long min = ids.min().item<long>();
        long max = ids.max().item<long>();
        if (min < 0 || max >= Count)
        {
            long bad = min < 0 ? min : max;
            throw new ArgumentException($"Sub id {bad} is outside [0, {Count}).", nameof(subIds));
        }

        Tensor lookup = OriginalIdsTensor(ids.device);
        return lookup.index_select(0, ids.flatten()).reshape(ids.shape).MoveToOuterDisposeScope();
    }

    /// <summary>The kept original ids as an int64 tensor <c>[Count]</c> on <paramref name="device"/> (a new tensor).</summary>
    /// <param name="device">Target device; null for CPU.</param>
    public Tensor OriginalIdsTensor(Device? device = null)
    {
        TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        return torch.tensor(originalIds, ScalarType.Int32, device ?? CPU).to(ScalarType.Int64).MoveToOuterDisposeScope();
    }

    private ArgumentException NotKept(long id, string paramName) => new(
        $"Token id {id} is not in the sub-vocabulary ({Count} of {OriginalVocabularySize} tokens kept); "
        + "build the sub-vocabulary from every target plus the special tokens generation needs.",
        paramName);

    private static void RequireIntegral(Tensor ids, string paramName)
    {
        if (ids.dtype is not (ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte))
        {
            throw new ArgumentException($"Token ids must be an integer tensor, got {ids.dtype}.", paramName);
        }
    }
}
