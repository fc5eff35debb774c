namespace Smoothie.Autoregressive.Vocabulary;

/// <summary>
/// One source row's view of the extended vocabulary: the id each source token has there (its output id when the output
/// vocabulary has it, else <c>V + k</c> for the k-th distinct source-only token of the row) and the codec ids of those
/// source-only tokens, so that a copied token can be turned back into text.
/// </summary>
public sealed class SourceExtension
{
    private readonly long[] extendedIds;
    private readonly int[] sourceOnlyCodecIds;
    private readonly Dictionary<int, long> extendedIdOf;

    internal SourceExtension(long[] extendedIds, int[] sourceOnlyCodecIds, Dictionary<int, long> extendedIdOf)
    {
        this.extendedIds = extendedIds;
        this.sourceOnlyCodecIds = sourceOnlyCodecIds;
        this.extendedIdOf = extendedIdOf;
    }

    /// <summary>The extended id of each source position (padding positions hold the padding token's output id).</summary>
    public IReadOnlyList<long> ExtendedIds => extendedIds;

    /// <summary>The codec ids of the source tokens the output vocabulary lacks, in extended-id order.</summary>
    public IReadOnlyList<int> SourceOnlyCodecIds => sourceOnlyCodecIds;

    /// <summary>The extended id of a codec id that occurs in the source, or null when it does not.</summary>
    /// <param name="codecId">A codec id.</param>
    internal long? ExtendedIdOf(int codecId) => extendedIdOf.TryGetValue(codecId, out long id) ? id : null;

    /// <summary>The extended ids as a fresh array (for building tensors).</summary>
    internal long[] ExtendedIdArray() => (long[])extendedIds.Clone();
}
