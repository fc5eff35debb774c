namespace Smoothie.Runtime;

/// <summary>
/// The memory budget of the O(V) latent operations. Rows (positions) are processed in chunks so that the extra memory
/// an operation needs beyond its inputs and its result (e.g. the <c>[rows, V]</c> scores behind an argmax, or the
/// softmax probabilities behind <c>softmax(x_t)·E</c>) stays under <see cref="MaxBytes"/>, whatever B×L×V is.
/// Chunked and unchunked paths compute the same values (the same kernels on row slices).
/// </summary>
public sealed class LatentChunking
{
    /// <summary>The default budget: 1 GiB.</summary>
    public const long DefaultMaxBytes = 1L << 30;

    /// <summary>Creates a budget.</summary>
    /// <param name="maxBytes">Peak extra bytes per operation; at least one row is always processed at a time.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBytes"/> is not positive.</exception>
    public LatentChunking(long maxBytes = DefaultMaxBytes)
    {
        if (maxBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "The chunk memory budget must be a positive number of bytes.");
        }

        MaxBytes = maxBytes;
    }

    /// <summary>The default 1 GiB budget.</summary>
    public static LatentChunking Default { get; } = new();

    /// <summary>No budget: every operation runs on all rows at once (the unchunked reference path).</summary>
    public static LatentChunking Unbounded { get; } = new(long.MaxValue);

    /// <summary>Peak extra bytes per operation.</summary>
    public long MaxBytes { get; }

    /// <summary>
    /// The working-block size of operations that reduce each <c>[rows, V]</c> block to a small result (softmax·E,
    /// nearest token): 16 MiB, so that the block stays in cache between its GEMM, its element-wise passes and the
    /// second GEMM. Measured on the project's 2-core machine at V = 30,522: the fused softmax(D_σ(x))·E reaches 88 % of
    /// the GEMM rate in 16 MiB blocks against 57–62 % in 64 MiB–1 GiB blocks (docs/performance.md).
    /// </summary>
    public const long CacheBlockBytes = 16L << 20;

    /// <summary>
    /// Rows per working block of a reducing operation: the budget's <see cref="RowsPerChunk"/>, capped so that a
    /// block needs at most <see cref="CacheBlockBytes"/> (at least 1 row).
    /// </summary>
    /// <param name="bytesPerRow">Extra bytes one row needs (e.g. <c>V · 4</c> for a float32 row of scores).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytesPerRow"/> is not positive.</exception>
    public long RowsPerBlock(long bytesPerRow) => Math.Min(RowsPerChunk(bytesPerRow), Math.Max(1, CacheBlockBytes / bytesPerRow));

    /// <summary>How many rows fit the budget when each row needs <paramref name="bytesPerRow"/> extra bytes (at least 1).</summary>
    /// <param name="bytesPerRow">Extra bytes one row needs (e.g. <c>V · 4</c> for a float32 row of scores).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytesPerRow"/> is not positive.</exception>
    public long RowsPerChunk(long bytesPerRow)
    {
        if (bytesPerRow <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytesPerRow), bytesPerRow, "Bytes per row must be positive.");
        }

        return Math.Max(1, MaxBytes / bytesPerRow);
    }

    /// <inheritdoc/>
    public override string ToString() => MaxBytes == long.MaxValue ? "unbounded" : $"{MaxBytes} bytes";
}
