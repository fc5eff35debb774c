using Smoothie.Schedulers;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// The row-chunked in-place update <c>x ← a·x + b·x̂0 + c·ε</c> shared by the built-in solvers. x̂0 is requested one block
/// of rows at a time into one reused buffer (its size is the budget), and the noise is drawn exactly as the
/// out-of-place steps draw it, so the random stream for a given generator state is unchanged:
/// <list type="bullet">
/// <item>a = 0 (re-noise): ε·c is drawn straight into all of x in one call (as <see cref="ForwardProcess.AddNoise(Tensor, double, double, Generator?, LatentChunking?)"/> does), then b·x̂0 is added block by block;</item>
/// <item>a ≠ 0 (DDPM, DDIM, SDE): x ← a·x + b·x̂0 block by block, the x̂0 buffer is released, then c·ε is added with
/// <see cref="ForwardProcess.AddScaledNoiseInPlace"/> and the step's own noise budget (as the out-of-place steps do).</item>
/// </list>
/// Peak extra memory: max(one x̂0 block, one noise block). No value is copied to the host.
/// </summary>
internal static class InPlaceStepUpdate
{
    public static void Apply(
        Tensor noisyLatent, CleanEstimateRows cleanEstimate, StepCoefficients coefficients, Generator? generator, LatentChunking? chunking, LatentChunking? noiseChunking)
    {
        TorchSharpRuntime.EnsureLoaded();
        chunking ??= LatentChunking.Default;
        (double a, double b, double c) = coefficients;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long width = noisyLatent.shape[^1];
        Tensor rows = noisyLatent.view(-1, width);
        long n = rows.shape[0];
        if (a == 0)
        {
            if (c == 0)
            {
                rows.zero_();
            }
            else
            {
                rows.normal_(0, c, generator);
            }
        }

        if (n > 0)
        {
            long step = Math.Min(n, chunking.RowsPerChunk(width * noisyLatent.element_size()));
            using (Tensor buffer = torch.empty([step, width], noisyLatent.dtype, noisyLatent.device))
            {
                for (long start = 0; start < n; start += step)
                {
                    using var inner = NewDisposeScope();
                    long length = Math.Min(step, n - start);
                    Tensor clean = buffer.narrow(0, 0, length);
                    cleanEstimate(start, clean);
                    Tensor target = rows.narrow(0, start, length);
                    if (a != 0)
                    {
                        target.mul_(a);
                    }

                    target.add_(clean, b);
                }
            }
        }

        if (a != 0)
        {
            ForwardProcess.AddScaledNoiseInPlace(noisyLatent, c, generator, noiseChunking);
        }
    }
}
