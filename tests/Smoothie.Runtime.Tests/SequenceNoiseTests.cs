using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Runtime.Tests;

/// <summary>The per-sequence noise streams of a batch (<see cref="SequenceNoise"/>).</summary>
public sealed class SequenceNoiseTests
{
    private const int Width = 37;

    public SequenceNoiseTests() => TorchSharpRuntime.EnsureLoaded();

    [Fact]
    public void RowsAreTheSameWhicheverBlocksTheyAreDrawnIn()
    {
        var noise = new SequenceNoise(5, [11, 12, 13], positions: 7);
        using Tensor whole = Draw(noise, 0, noise.Rows);
        foreach (long block in new long[] { 1, 3, 5, 8, 21 })
        {
            using Tensor pieces = torch.empty([noise.Rows, Width]);
            for (long start = 0; start < noise.Rows; start += block)
            {
                long length = Math.Min(block, noise.Rows - start);
                using Tensor part = pieces.narrow(0, start, length);
                noise.Fill(part, start, 1);
            }

            Assert.True(Same(whole, pieces), $"blocks of {block} rows");
        }
    }

    [Fact]
    public void ASequenceDrawsTheSameNoiseAloneAndAtAnyPositionOfAnyBatch()
    {
        const ulong key = 424242;
        using Tensor alone = Draw(new SequenceNoise(3, [key], positions: 6), 0, 6);
        foreach (ulong[] keys in new[] { new ulong[] { key, 1, 2, 3, 4, 5, 6, 7 }, [1, 2, 3, 4, 5, key, 6, 7], [9, key] })
        {
            var batch = new SequenceNoise(3, keys, positions: 6);
            int at = Array.IndexOf(keys, key);
            using Tensor inBatch = Draw(batch, at * 6, 6);
            Assert.True(Same(alone, inBatch), $"the sequence at position {at} of a batch of {keys.Length}");
        }
    }

    [Fact]
    public void DifferentSeedsKeysDrawsAndPositionsGiveDifferentNoise()
    {
        var noise = new SequenceNoise(1, [7, 8], positions: 2);
        using Tensor rows = Draw(noise, 0, 4);
        using Tensor otherSeed = Draw(new SequenceNoise(2, [7, 8], positions: 2), 0, 4);
        using Tensor nextDraw = Draw(noise.ForDraw(1), 0, 4);
        Assert.False(Same(rows, otherSeed), "seed 1 and seed 2");
        Assert.False(Same(rows, nextDraw), "draw 0 and draw 1");

        // Every row of a draw (two keys × two positions) is its own stream.
        for (int i = 0; i < 4; i++)
        {
            for (int j = i + 1; j < 4; j++)
            {
                Assert.False(Same(rows[i], rows[j]), $"rows {i} and {j}");
            }
        }

        Assert.Equal(1, noise.ForDraw(1).Draw);
        Assert.Same(noise, noise.ForDraw(0));
    }

    [Fact]
    public void TheNoiseIsStandardNormalScaledByStd()
    {
        var noise = new SequenceNoise(9, [.. Enumerable.Range(0, 40).Select(i => (ulong)i)], positions: 50);
        using Tensor rows = torch.empty([noise.Rows, 101]);
        noise.Fill(rows, 0, 2.5);
        double mean = rows.mean().item<float>();
        double std = rows.std().item<float>();
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(std, 2.5 * 0.99, 2.5 * 1.01);

        noise.Fill(rows, 0, 0);
        Assert.Equal(0, rows.abs().max().item<float>());
    }

    [Fact]
    public void BadArgumentsAreRejectedNamingWhatIsWrong()
    {
        Assert.Throws<ArgumentException>(() => new SequenceNoise(1, [], positions: 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequenceNoise(1, [1], positions: 0));
        var noise = new SequenceNoise(1, [1, 2], positions: 3);
        using Tensor rows = torch.empty([4, Width]);
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => noise.Fill(rows, 3, 1));
        Assert.Contains("outside the draw's 6 rows", outside.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => noise.Fill(rows, 0, -1));
        using Tensor flat = torch.empty([Width]);
        Assert.Throws<ArgumentException>(() => noise.Fill(flat, 0, 1));
        using Tensor ints = torch.zeros([2, Width], ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => noise.Fill(ints, 0, 1));
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static Tensor Draw(SequenceNoise noise, long firstRow, long rows)
    {
        Tensor result = torch.empty([rows, Width]);
        noise.Fill(result, firstRow, 1);
        return result;
    }
}
