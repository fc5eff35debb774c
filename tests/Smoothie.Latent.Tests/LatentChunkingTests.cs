using Smoothie.Runtime;

namespace Smoothie.Latent.Tests;

public class LatentChunkingTests
{
    [Fact]
    public void RowsPerChunkFillsTheBudgetAndRowsPerBlockCapsItAtTheCacheBlock()
    {
        const long row = 30522 * 4L;
        var budget = new LatentChunking();
        Assert.Equal((1L << 30) / row, budget.RowsPerChunk(row));
        Assert.Equal(LatentChunking.CacheBlockBytes / row, budget.RowsPerBlock(row));

        // A budget smaller than the cache block wins; at least one row is always processed.
        var small = new LatentChunking(3 * row);
        Assert.Equal(3, small.RowsPerBlock(row));
        Assert.Equal(1, budget.RowsPerBlock(LatentChunking.CacheBlockBytes * 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => budget.RowsPerBlock(0));
    }
}
