using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>Runs a row-wise map over <c>[n, ·]</c> rows in chunks that fit a <see cref="LatentChunking"/> budget.</summary>
internal static class ChunkedRowMap
{
    /// <summary>
    /// Splits <paramref name="rows"/> <c>[n, ·]</c> into chunks that fit the budget and maps each to <c>[chunk, width]</c>.
    /// Without gradients, <paramref name="map"/> writes into a slice of one preallocated result; with gradients it
    /// returns a new tensor and the chunks are concatenated. A <paramref name="reducing"/> map (its <c>[chunk, V]</c>
    /// temporaries reduce to a narrow result) runs without gradients in cache-sized blocks
    /// (<see cref="LatentChunking.RowsPerBlock"/>).
    /// </summary>
    public static Tensor Map(
        Tensor rows, long width, long bytesPerRow, LatentChunking? chunking, bool parameterRequiresGrad, Func<Tensor, Tensor?, Tensor> map, bool reducing = false)
    {
        chunking ??= LatentChunking.Default;
        long n = rows.shape[0];
        long step = chunking.RowsPerChunk(bytesPerRow);
        bool withGrad = is_grad_enabled() && (parameterRequiresGrad || rows.requires_grad);
        if (withGrad)
        {
            if (n <= step)
            {
                return map(rows, null);
            }

            var parts = new List<Tensor>();
            for (long start = 0; start < n; start += step)
            {
                parts.Add(map(rows.narrow(0, start, Math.Min(step, n - start)), null));
            }

            return torch.cat(parts, 0);
        }

        using var noGrad = no_grad();
        if (reducing)
        {
            // A reducing map's [block, V] temporaries never leave the block: keep them cache-sized.
            step = chunking.RowsPerBlock(bytesPerRow);
        }

        // Every map overwrites its slice completely (copy or GEMM with β = 0), so the result need not be zero-filled.
        Tensor result = torch.empty([n, width], rows.dtype, rows.device);
        for (long start = 0; start < n; start += step)
        {
            using var inner = NewDisposeScope();
            long length = Math.Min(step, n - start);
            map(rows.narrow(0, start, length), result.narrow(0, start, length));
        }

        return result;
    }
}
