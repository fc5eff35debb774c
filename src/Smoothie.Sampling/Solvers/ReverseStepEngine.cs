using Smoothie.Runtime;
using Smoothie.Schedulers;
using Smoothie.Schedulers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// The one engine that applies a reverse step's coefficients, <c>x ← a·x_t + b·x̂0 + c·ε</c>, out of place or in place
/// (x̂0 requested one block of rows at a time into one reused buffer whose size is the budget). Both draw the noise the
/// same way, so the result and the random stream for a given generator state are the same bit for bit:
/// <list type="bullet">
/// <item>a = 0 (re-noise): c·ε is drawn straight into all of x in one call (as
/// <see cref="ForwardProcess.AddNoise(Tensor, double, double, Generator?, LatentChunking?)"/> does), then b·x̂0 is added;</item>
/// <item>a ≠ 0 (DDPM, DDIM, SDE): x ← a·x + b·x̂0 first (in place: block by block, then the x̂0 buffer is released),
/// then c·ε is added with <see cref="ForwardProcess.AddScaledNoiseInPlace"/> and the solver's noise budget.</item>
/// </list>
/// In place, the peak extra memory is max(one x̂0 block, one noise block). No value is copied to the host. With
/// per-sequence streams (<see cref="SequenceNoise"/>, the sampler's) ε is drawn from them in the same places instead.
/// </summary>
internal static class ReverseStepEngine
{
    /// <summary>The solver's coefficients at (t, t_next), with the times checked and the coefficients required finite.</summary>
    public static StepCoefficients Coefficients(IReverseStep solver, INoiseSchedule schedule, double t, double tNext)
    {
        ArgumentNullException.ThrowIfNull(solver);
        StepArguments.ValidateTimes(schedule, t, tNext);
        StepCoefficients coefficients = solver.Coefficients(schedule, t, tNext);
        (double a, double b, double c) = coefficients;
        if (!double.IsFinite(a) || !double.IsFinite(b) || !double.IsFinite(c) || c < 0)
        {
            throw new ArgumentException(
                $"The '{solver.Name}' step on the '{schedule.Name}' schedule gives (a, b, c) = ({a}, {b}, {c}) from t = {t} to t_next = {tNext}; expected finite numbers with c ≥ 0.",
                nameof(schedule));
        }

        if (solver.ForgetsNoisyLatent && a != 0)
        {
            throw new ArgumentException($"The '{solver.Name}' step declares that it forgets x_t but gives a = {a} ≠ 0.", nameof(solver));
        }

        return coefficients;
    }

    /// <summary>x at t_next as a new tensor; ε from <paramref name="streams"/> when given, else from <paramref name="generator"/>.</summary>
    public static Tensor Step(
        IReverseStep solver, Tensor noisyLatent, Tensor cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator, SequenceNoise? streams = null)
    {
        ArgumentNullException.ThrowIfNull(solver);
        StepArguments.ValidateTensors(noisyLatent, cleanEstimate);
        (double a, double b, double c) = Coefficients(solver, schedule, t, tNext);
        if (a == 0 && streams is null)
        {
            return ForwardProcess.AddNoise(cleanEstimate, b, c, generator, solver.NoiseChunking);
        }

        using var scope = NewDisposeScope();
        if (a == 0)
        {
            // As the in-place step: c·ε drawn straight into the result, then b·x̂0 added.
            Tensor drawn = torch.empty_like(cleanEstimate, cleanEstimate.dtype, cleanEstimate.device);
            streams!.Fill(drawn.view(-1, drawn.shape[^1]), 0, c);
            return drawn.add_(cleanEstimate, b).MoveToOuterDisposeScope();
        }

        // (a·x) + b·x̂0: the same order as the in-place update, so both give bit-identical results.
        Tensor result = noisyLatent.mul(a).add_(cleanEstimate, b);
        AddScaledNoise(result, c, generator, streams, solver.NoiseChunking);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Overwrites x_t with x at t_next, building x̂0 one block of rows at a time; ε as in <see cref="Step"/>.</summary>
    public static void StepInPlace(
        IReverseStep solver, Tensor noisyLatent, CleanEstimateRows cleanEstimate, double t, double tNext, INoiseSchedule schedule, Generator? generator, LatentChunking? chunking, SequenceNoise? streams = null)
    {
        ArgumentNullException.ThrowIfNull(solver);
        StepArguments.ValidateInPlace(noisyLatent, cleanEstimate);
        StepCoefficients coefficients = Coefficients(solver, schedule, t, tNext);
        Apply(noisyLatent, cleanEstimate, coefficients, generator, streams, chunking ?? LatentChunking.Default, solver.NoiseChunking);
    }

    private static void Apply(
        Tensor noisyLatent, CleanEstimateRows cleanEstimate, StepCoefficients coefficients, Generator? generator, SequenceNoise? streams, LatentChunking chunking, LatentChunking? noiseChunking)
    {
        TorchSharpRuntime.EnsureLoaded();
        (double a, double b, double c) = coefficients;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long width = noisyLatent.shape[^1];
        Tensor rows = noisyLatent.view(-1, width);
        if (a == 0)
        {
            if (c == 0)
            {
                rows.zero_();
            }
            else if (streams is not null)
            {
                streams.Fill(rows, 0, c);
            }
            else
            {
                rows.normal_(0, c, generator);
            }
        }

        AddCleanEstimateBlocks(rows, cleanEstimate, a, b, chunking);
        if (a != 0)
        {
            AddScaledNoise(noisyLatent, c, generator, streams, noiseChunking);
        }
    }

    /// <summary>
    /// target += scale·ε: with the streams, ε is drawn one chunk of rows at a time into one reused buffer (as
    /// <see cref="ForwardProcess.AddScaledNoiseInPlace"/> does with a generator).
    /// </summary>
    private static void AddScaledNoise(Tensor target, double scale, Generator? generator, SequenceNoise? streams, LatentChunking? chunking)
    {
        if (streams is null)
        {
            ForwardProcess.AddScaledNoiseInPlace(target, scale, generator, chunking);
            return;
        }

        if (scale == 0)
        {
            return;
        }

        using var scope = NewDisposeScope();
        long width = target.shape[^1];
        Tensor rows = target.view(-1, width);
        long n = rows.shape[0];
        long step = Math.Min(n, (chunking ?? LatentChunking.Default).RowsPerChunk(width * target.element_size()));
        Tensor buffer = torch.empty([step, width], target.dtype, target.device);
        for (long start = 0; start < n; start += step)
        {
            long length = Math.Min(step, n - start);
            Tensor noise = buffer.narrow(0, 0, length);
            streams.Fill(noise, start, 1);
            rows.narrow(0, start, length).add_(noise, scale);
        }
    }

    /// <summary>rows ← a·rows + b·x̂0 block by block (rows left unscaled when a = 0), x̂0 in one reused buffer.</summary>
    private static void AddCleanEstimateBlocks(Tensor rows, CleanEstimateRows cleanEstimate, double a, double b, LatentChunking chunking)
    {
        long n = rows.shape[0];
        if (n == 0)
        {
            return;
        }

        long width = rows.shape[1];
        long step = Math.Min(n, chunking.RowsPerChunk(width * rows.element_size()));
        using Tensor buffer = torch.empty([step, width], rows.dtype, rows.device);
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
