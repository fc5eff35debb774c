namespace Smoothie.Embeddings;

/// <summary>
/// Ready-made predicates for <see cref="EmbeddingMatrixOptions.ExcludeFromStatistics"/>: rows that return
/// <see langword="true"/> do not contribute to the normalisation statistics (they are still normalised).
/// </summary>
public static class EmbeddingRowFilters
{
    /// <summary>
    /// BERT WordPiece placeholder rows: every token whose text starts with <c>[unused</c> (e.g. <c>[unused0]</c>).
    /// Their embeddings were never trained, so the paper leaves them out of the mean and standard deviation.
    /// </summary>
    public static Func<string, bool> BertUnusedTokens { get; } =
        static token => token.StartsWith("[unused", StringComparison.Ordinal);

    /// <summary>Excludes nothing: every row counts.</summary>
    public static Func<string, bool> None { get; } = static _ => false;
}
