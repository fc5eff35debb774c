using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Sampling;

/// <summary>
/// The state of one generation call and its steps: the latent x_t (or, for a step that forgets x_t on a space that can
/// fuse it, the next denoiser input), the self-condition and the last prediction. Each step predicts x̂0 (with guidance
/// and clamping), moves the latent with the solver's coefficients (<see cref="ReverseStepEngine"/>) and, on request,
/// decodes the prediction to the host. Owns every tensor it holds. Draw 0 of the per-sequence noise starts the run,
/// draw k + 1 re-noises after step k.
/// </summary>
internal sealed class SamplingRun : IDisposable
{
    private readonly IDenoiserNetwork network;
    private readonly ILatentSpace space;
    private readonly INoiseSchedule schedule;
    private readonly IReverseStep solver;
    private readonly LatentChunking stepChunking;
    private readonly bool outOfPlace;
    private readonly SamplingOptions options;
    private readonly Seq2SeqBatch? sources;
    private readonly SequenceNoise noise;
    private readonly Device device;
    private readonly long batch;
    private readonly IFusedDenoiserInput? fused;
    private Tensor? unconditionalMask;
    private Tensor? x;
    private Tensor? fusedInput;
    private Tensor? selfCondition;
    private Tensor? prediction;

    /// <summary>Builds the initial state at <see cref="SamplingOptions.StartTime"/>: the prior, or the noised start tokens.</summary>
    public SamplingRun(
        DiffusionSampler sampler, SamplingOptions options, Seq2SeqBatch? sources, Tensor? startTokens, long batch, int length, SequenceNoise noise, Device device)
    {
        (network, space, schedule, solver) = (sampler.Network, sampler.Space, sampler.Schedule, sampler.Solver);
        (stepChunking, outOfPlace) = (sampler.StepChunking, sampler.StepOutOfPlace);
        (this.options, this.sources, this.noise, this.device, this.batch) = (options, sources, noise, device, batch);

        // A step that forgets x_t on a space that can build softmax(b·x̂0 + c·ε)·E block by block never needs x_t.
        fused = solver.ForgetsNoisyLatent && !options.SelfConditioning && !outOfPlace
            && space is IFusedDenoiserInput { CanFuseDenoiserInput: true } f ? f : null;
        try
        {
            unconditionalMask = UnconditionalMask();
            Initialize(startTokens, length);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Step k of the grid: predicts x̂0 at t_k, moves the latent to t_{k+1} unless this is the last prediction, and
    /// returns the decoded ids of the prediction when <paramref name="emit"/> is set (else null). Runs in its own scope.
    /// </summary>
    public long[][]? Advance(int k, TimeGrid grid, bool emit)
    {
        using var scope = NewDisposeScope();
        Tensor t = full(batch, grid[k], dtype: ScalarType.Float32, device: device);
        Tensor predicted = Predict(t);

        // The previous prediction is released before the step (it can be [B, L, V] for the simplex space).
        Replace(ref prediction, predicted.MoveToOuterDisposeScope());

        // After the last prediction nothing reads x or the self-condition again: only the decode below.
        if (k + 1 < grid.Steps)
        {
            MoveLatent(predicted, grid[k], grid[k + 1], noise.ForDraw(k + 1));
        }

        return emit ? ToHost(space.Decode(prediction!)) : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        x?.Dispose();
        fusedInput?.Dispose();
        selfCondition?.Dispose();
        prediction?.Dispose();
        unconditionalMask?.Dispose();
        (x, fusedInput, selfCondition, prediction, unconditionalMask) = (null, null, null, null, null);
    }

    private Tensor? UnconditionalMask()
    {
        if (!(options.GuidanceScale > 0) || sources?.SourceMask is not { } mask)
        {
            return null;
        }

        Tensor result = zeros_like(mask);
        result[TensorIndex.Colon, 0] = tensor(true);
        return result;
    }

    private void Initialize(Tensor? startTokens, int length)
    {
        if (startTokens is null)
        {
            SequenceNoise prior = noise.ForDraw(0);
            if (fused is not null)
            {
                fusedInput = fused.FusedPriorInput(batch, length, schedule.PriorScale, prior);
                return;
            }

            x = torch.empty([batch, length, space.LatentDimension], ScalarType.Float32, device);
            using (Tensor rows = x.view(-1, space.LatentDimension))
            {
                prior.Fill(rows, 0, schedule.PriorScale);
            }

            return;
        }

        using var scope = NewDisposeScope();
        Tensor ids = startTokens.to(ScalarType.Int64).to(device);
        Tensor t0 = full(batch, options.StartTime, dtype: ScalarType.Float32, device: device);
        Tensor mu = schedule.Mu(t0);
        Tensor std = schedule.Std(t0);
        SequenceNoise start = noise.ForDraw(0);
        if (fused is not null)
        {
            fusedInput = fused.FusedTrainingInput(ids, mu, std, start).MoveToOuterDisposeScope();
            return;
        }

        // x_t = μ·x0 + std·ε as ForwardProcess.AddNoise computes it, with ε from the streams.
        Tensor clean = space.CleanLatent(ids);
        Tensor noisy = torch.empty_like(clean, clean.dtype, clean.device);
        start.Fill(noisy.view(-1, clean.shape[^1]), 0, 1);
        long[] perSequence = [batch, .. Enumerable.Repeat(1L, (int)clean.dim() - 1)];
        x = noisy.mul_(std.to(clean.dtype).reshape(perSequence)).addcmul_(clean, mu.to(clean.dtype).reshape(perSequence), 1).MoveToOuterDisposeScope();
    }

    /// <summary>x̂0 predicted at t, with classifier-free guidance and nearest-token clamping when asked for.</summary>
    private Tensor Predict(Tensor t)
    {
        Tensor input = fusedInput ?? space.DenoiserInput(x!, schedule.Mu(t), schedule.Std(t));
        Tensor predicted = network.Predict(input, t, sources?.SourceIds, sources?.SourceMask, selfCondition);
        if (unconditionalMask is not null)
        {
            Tensor unconditional = network.Predict(input, t, sources!.SourceIds, unconditionalMask, selfCondition);
            predicted = unconditional + ((1 + options.GuidanceScale) * (predicted - unconditional));
        }

        if (options.ClampToNearestToken)
        {
            predicted = space.TrainingTarget(space.Decode(predicted));
        }

        return predicted;
    }

    /// <summary>Moves the state from t to t_next: fused re-noise input, in-place step or (for tests) out-of-place step.</summary>
    private void MoveLatent(Tensor predicted, double t, double tNext, SequenceNoise draw)
    {
        if (fused is not null)
        {
            (_, double mu, double std) = ReverseStepEngine.Coefficients(solver, schedule, t, tNext);
            Replace(ref fusedInput, fused.FusedRenoisedInput(predicted, mu, std, draw).MoveToOuterDisposeScope());
        }
        else if (outOfPlace)
        {
            StepOutOfPlace(predicted, t, tNext, draw);
        }
        else if (StepInPlace(predicted, t, tNext, draw) is { } nextSelfCondition)
        {
            Replace(ref selfCondition, nextSelfCondition.MoveToOuterDisposeScope());
        }
    }

    /// <summary>
    /// x ← step(x, x̂0) in place, x̂0 built one block of rows at a time from the prediction; with self-conditioning the
    /// next denoiser input of each block (DenoiserInput(x̂0)) is taken from the same block before it is released.
    /// </summary>
    /// <returns>The next self-condition <c>[B, L, d]</c> (in the caller's dispose scope), or null without self-conditioning.</returns>
    private Tensor? StepInPlace(Tensor predicted, double t, double tNext, SequenceNoise draw)
    {
        using var scope = NewDisposeScope();
        Tensor predictionRows = predicted.reshape(-1, predicted.shape[^1]);
        Tensor? nextSelfCondition = options.SelfConditioning
            ? torch.empty([predictionRows.shape[0], space.InputDimension], ScalarType.Float32, x!.device)
            : null;
        LatentChunking chunking = options.SelfConditioning && stepChunking.MaxBytes != long.MaxValue
            ? new LatentChunking(Math.Max(1, stepChunking.MaxBytes / 2))
            : stepChunking;
        ReverseStepEngine.StepInPlace(
            solver,
            x!,
            (firstRow, destination) =>
            {
                using var inner = NewDisposeScope();
                long rows = destination.shape[0];
                space.PredictionToLatent(predictionRows.narrow(0, firstRow, rows), destination);
                nextSelfCondition?.narrow(0, firstRow, rows).copy_(space.DenoiserInput(destination).reshape(rows, -1));
            },
            t,
            tNext,
            schedule,
            null,
            chunking,
            draw);
        return nextSelfCondition?.view([.. x!.shape[..^1], space.InputDimension]).MoveToOuterDisposeScope();
    }

    /// <summary>x ← step(x, x̂0) into a new tensor, with x̂0 the whole <c>PredictionToLatent</c> (the reference path).</summary>
    private void StepOutOfPlace(Tensor predicted, double t, double tNext, SequenceNoise draw)
    {
        Tensor cleanEstimate = space.PredictionToLatent(predicted);
        Tensor next = ReverseStepEngine.Step(solver, x!, cleanEstimate, t, tNext, schedule, null, draw);
        Replace(ref x, next.MoveToOuterDisposeScope());
        if (options.SelfConditioning)
        {
            Replace(ref selfCondition, space.DenoiserInput(cleanEstimate).MoveToOuterDisposeScope());
        }
    }

    private static void Replace(ref Tensor? slot, Tensor value)
    {
        slot?.Dispose();
        slot = value;
    }

    private static long[][] ToHost(Tensor ids)
    {
        using Tensor cpu = ids.to(ScalarType.Int64).cpu();
        long rows = cpu.shape[0], cols = cpu.shape[1];
        long[] flat = cpu.data<long>().ToArray();
        var result = new long[rows][];
        for (long r = 0; r < rows; r++)
        {
            result[r] = flat.AsSpan((int)(r * cols), (int)cols).ToArray();
        }

        return result;
    }
}
