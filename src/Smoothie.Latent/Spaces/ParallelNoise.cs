using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// Fills a block with N(0, std²) noise on all cores. libtorch draws normals from one generator sequentially (one core:
/// ≈ 330 M/s here, a sixth of a sampling step at V = 30,522), so the block is split into a fixed number of pieces, each
/// drawn from its own generator seeded from the caller's generator (or the global one). The pieces do not depend on the
/// number of cores, so a seed gives the same noise on every machine; the stream differs from a single
/// <c>normal_</c> over the block (statistically the same).
/// </summary>
internal static class ParallelNoise
{
    /// <summary>Pieces per block: fixed, so results do not depend on the machine.</summary>
    public const int Pieces = 4;

    /// <summary>Below this many elements one <c>normal_</c> call is cheaper than the split.</summary>
    public const long MinimumElements = 1 << 16;

    /// <summary>
    /// Overwrites rows <c>[firstRow, firstRow + n)</c> of a batch-wide draw: from the per-sequence streams when
    /// <paramref name="streams"/> is given (the sampler), else as <see cref="Fill(Tensor, double, Generator?)"/>.
    /// </summary>
    /// <param name="block">A contiguous float tensor <c>[n, D]</c>.</param>
    /// <param name="firstRow">The draw's row that the block's first row is (used by the streams only).</param>
    /// <param name="std">The standard deviation.</param>
    /// <param name="generator">The generator when there are no streams, or null for the global one.</param>
    /// <param name="streams">The per-sequence streams of this draw, or null.</param>
    public static void Fill(Tensor block, long firstRow, double std, Generator? generator, SequenceNoise? streams)
    {
        if (streams is null)
        {
            Fill(block, std, generator);
        }
        else
        {
            streams.Fill(block, firstRow, std);
        }
    }

    /// <summary>Overwrites the contiguous <paramref name="block"/> with N(0, <paramref name="std"/>²) noise.</summary>
    /// <param name="block">A contiguous float tensor.</param>
    /// <param name="std">The standard deviation.</param>
    /// <param name="generator">The generator the piece seeds are drawn from, or null for the global one.</param>
    public static void Fill(Tensor block, double std, Generator? generator)
    {
        long count = block.numel();
        if (count < MinimumElements || !block.is_contiguous() || block.device_type != DeviceType.CPU)
        {
            block.normal_(0, std, generator);
            return;
        }

        long[] seeds;
        using (Tensor drawn = randint(long.MaxValue, [Pieces], dtype: ScalarType.Int64, generator: generator))
        {
            seeds = drawn.data<long>().ToArray();
        }

        using Tensor flat = block.view(-1);
        long size = (count + Pieces - 1) / Pieces;
        Parallel.For(0, Pieces, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, get_num_threads()) }, piece =>
        {
            long start = piece * size;
            long length = Math.Min(size, count - start);
            if (length <= 0)
            {
                return;
            }

            using var pieceGenerator = new Generator((ulong)seeds[piece]);
            using Tensor part = flat.narrow(0, start, length);
            part.normal_(0, std, pieceGenerator);
        });
    }
}
