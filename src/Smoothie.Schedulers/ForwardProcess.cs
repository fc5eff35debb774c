using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Schedulers;

/// <summary>
/// The forward (noising) process of every latent space, <c>x_t = μ_t·x0 + std_t·ε</c> with ε ~ N(0, I) of x0's shape.
/// <see cref="AddNoise(Tensor, double, double, Generator?, LatentChunking?)"/> draws ε straight into the result (no extra
/// memory); <see cref="AddScaledNoiseInPlace"/> draws it one chunk of rows at a time into one reused buffer, so its only
/// extra memory is one chunk of ε (<see cref="LatentChunking"/>). Chunking changes how the random stream is cut, not the
/// distribution.
/// </summary>
public static class ForwardProcess
{
    /// <summary>Noises x0 with one (μ, std) for the whole batch.</summary>
    /// <param name="x0">Clean latents <c>[..., D]</c> (rank ≥ 2), floating point.</param>
    /// <param name="mu">Signal scale μ_t.</param>
    /// <param name="std">Noise standard deviation std_t ≥ 0.</param>
    /// <param name="generator">Random generator, or null for the global one.</param>
    /// <param name="chunking">Kept for API compatibility: ε is drawn straight into the result, so no extra memory is needed.</param>
    /// <returns>x_t, a new tensor of x0's shape.</returns>
    public static Tensor AddNoise(Tensor x0, double mu, double std, Generator? generator = null, LatentChunking? chunking = null)
    {
        RequireLatent(x0, nameof(x0));
        if (!double.IsFinite(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "μ must be finite.");
        }

        if (!(std >= 0) || !double.IsFinite(std))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, "std must be a finite number ≥ 0.");
        }

        TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();

        // ε·std is drawn straight into the result and μ·x0 added in place: no ε buffer at all, two passes over x_t.
        Tensor result = torch.empty_like(x0, x0.dtype, x0.device);
        if (std == 0)
        {
            result.zero_();
        }
        else
        {
            result.normal_(0, std, generator);
        }

        result.add_(x0, mu);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Noises x0 with one (μ, std) per sample (e.g. one random t per sequence during training).</summary>
    /// <param name="x0">Clean latents <c>[B, ..., D]</c> (rank ≥ 2), floating point.</param>
    /// <param name="mu">μ_t per sample, <c>[B]</c>.</param>
    /// <param name="std">std_t per sample, <c>[B]</c>.</param>
    /// <param name="generator">Random generator, or null for the global one.</param>
    /// <param name="chunking">Kept for API compatibility: ε is drawn straight into the result, so no extra memory is needed.</param>
    /// <returns>x_t, a new tensor of x0's shape.</returns>
    public static Tensor AddNoise(Tensor x0, Tensor mu, Tensor std, Generator? generator = null, LatentChunking? chunking = null)
    {
        RequireLatent(x0, nameof(x0));
        RequirePerSample(mu, x0, nameof(mu));
        RequirePerSample(std, x0, nameof(std));
        TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        long[] broadcast = [x0.shape[0], .. Enumerable.Repeat(1L, (int)x0.dim() - 1)];
        Tensor muB = mu.to(x0.dtype).reshape(broadcast);
        Tensor stdB = std.to(x0.dtype).reshape(broadcast);

        // ε drawn straight into the result, scaled per sample, then μ·x0 added in place: no ε buffer.
        Tensor result = torch.empty_like(x0, x0.dtype, x0.device);
        result.normal_(0, 1, generator).mul_(stdB).addcmul_(x0, muB, 1);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Noises x0 at per-sample times <paramref name="t"/> <c>[B]</c> of <paramref name="schedule"/>.</summary>
    /// <param name="x0">Clean latents <c>[B, ..., D]</c>.</param>
    /// <param name="t">Times in [0, 1], <c>[B]</c>.</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="generator">Random generator, or null for the global one.</param>
    /// <param name="chunking">Memory budget; null for 1 GiB.</param>
    /// <returns>x_t, a new tensor of x0's shape.</returns>
    public static Tensor AddNoise(Tensor x0, Tensor t, INoiseSchedule schedule, Generator? generator = null, LatentChunking? chunking = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        RequireLatent(x0, nameof(x0));
        RequirePerSample(t, x0, nameof(t));
        using var scope = NewDisposeScope();
        Tensor mu = schedule.Mu(t);
        Tensor std = schedule.Std(t);
        return AddNoise(x0, mu, std, generator, chunking).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <c>target += scale·ε</c> in place, ε ~ N(0, I), drawn one chunk of rows at a time (the extra memory is one chunk).
    /// </summary>
    /// <param name="target">A contiguous floating tensor <c>[..., D]</c>.</param>
    /// <param name="scale">The noise standard deviation (0 leaves the target unchanged).</param>
    /// <param name="generator">Random generator, or null for the global one.</param>
    /// <param name="chunking">Memory budget; null for 1 GiB.</param>
    public static void AddScaledNoiseInPlace(Tensor target, double scale, Generator? generator = null, LatentChunking? chunking = null)
    {
        if (scale == 0)
        {
            return;
        }

        AddNoiseCore(target, scale, generator, chunking);
    }

    private static void AddNoiseCore(Tensor target, double scale, Generator? generator, LatentChunking? chunking)
    {
        RequireLatent(target, nameof(target));
        if (!target.is_contiguous())
        {
            throw new ArgumentException("The target of in-place noising must be contiguous.", nameof(target));
        }

        chunking ??= LatentChunking.Default;
        long width = target.shape[^1];
        using var scope = NewDisposeScope();
        Tensor rows = target.view(-1, width);
        long n = rows.shape[0];
        long step = Math.Min(n, chunking.RowsPerChunk(width * target.element_size()));

        // One ε buffer for all chunks (normal_ refills it in place; same stream as a fresh randn of that shape).
        Tensor buffer = torch.empty([step, width], target.dtype, target.device);
        for (long start = 0; start < n; start += step)
        {
            long length = Math.Min(step, n - start);
            Tensor noise = buffer.narrow(0, 0, length);
            noise.normal_(0, 1, generator);
            rows.narrow(0, start, length).add_(noise, scale);
        }
    }

    private static void RequireLatent(Tensor x, string paramName)
    {
        ArgumentNullException.ThrowIfNull(x, paramName);
        if (!x.is_floating_point())
        {
            throw new ArgumentException($"Latents must be floating point, got {x.dtype}.", paramName);
        }

        if (x.dim() < 2)
        {
            throw new ArgumentException(
                $"Latents must have shape [..., D] with at least two dimensions, got [{string.Join(", ", x.shape)}].", paramName);
        }
    }

    private static void RequirePerSample(Tensor values, Tensor x0, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        if (values.numel() != x0.shape[0] || values.dim() > 1)
        {
            throw new ArgumentException(
                $"Expected one value per sample, shape [{x0.shape[0]}], got [{string.Join(", ", values.shape)}].", paramName);
        }

        if (!values.is_floating_point())
        {
            throw new ArgumentException($"Expected a floating-point tensor, got {values.dtype}.", paramName);
        }
    }
}
