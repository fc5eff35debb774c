using Smoothie.Models.Denoising;
using Smoothie.Latent.Spaces;
using Smoothie.Runtime;
using Smoothie.Schedulers;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Sampling;

/// <summary>
/// One sampler for every latent space and solver: start from the prior, and at each time of the grid predict the clean
/// data, map it into the latent space and take a reverse step. The output is the decode of the last prediction.
/// Each step runs under its own dispose scope; nothing is copied to the host inside the loop unless streaming asks.
/// With a solver that implements <see cref="IInPlaceReverseStep"/> (every built-in one), the sampler overwrites its own
/// x_t with x_{t−1} and builds x̂0 one block of rows at a time, so a step's extra memory for the V-dimensional latents
/// is one block bounded by the chunk budget instead of two new <c>[B·L, D]</c> tensors; the result and the random
/// stream for a given seed are the same as with the out-of-place <see cref="IReverseStep.Step"/>.
/// </summary>
public sealed class DiffusionSampler
{
    private readonly IDenoiserNetwork network;
    private readonly ILatentSpace space;
    private readonly INoiseSchedule schedule;
    private readonly IReverseStep solver;
    private readonly LatentChunking stepChunking;

    /// <summary>Creates a sampler whose reverse step uses the space's chunk budget (1 GiB if the space has none).</summary>
    /// <param name="network">The denoiser (use EMA weights for best results).</param>
    /// <param name="space">The latent space it was trained in.</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="solver">The reverse step (re-noise, DDPM, DDIM, SDE).</param>
    public DiffusionSampler(IDenoiserNetwork network, ILatentSpace space, INoiseSchedule schedule, IReverseStep solver)
        : this(network, space, schedule, solver, null)
    {
    }

    /// <summary>Creates a sampler with an explicit chunk budget for the reverse step.</summary>
    /// <param name="network">The denoiser (use EMA weights for best results).</param>
    /// <param name="space">The latent space it was trained in.</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="solver">The reverse step (re-noise, DDPM, DDIM, SDE).</param>
    /// <param name="stepChunking">
    /// Budget of the x̂0 block an in-place step holds at a time (with self-conditioning, half of it, because the block's
    /// denoiser input needs its own scratch); null for the space's budget (<see cref="LatentSpaceBase.Chunking"/>) or 1 GiB.
    /// </param>
    public DiffusionSampler(IDenoiserNetwork network, ILatentSpace space, INoiseSchedule schedule, IReverseStep solver, LatentChunking? stepChunking)
    {
        this.network = network ?? throw new ArgumentNullException(nameof(network));
        this.space = space ?? throw new ArgumentNullException(nameof(space));
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        this.solver = solver ?? throw new ArgumentNullException(nameof(solver));
        if (solver.Name == "sde" && !schedule.SupportsSde)
        {
            throw new ArgumentException($"The SDE solver needs β(t), which the '{schedule.Name}' schedule does not define; choose renoise, ddpm or ddim.", nameof(solver));
        }

        this.stepChunking = stepChunking ?? (space as LatentSpaceBase)?.Chunking ?? LatentChunking.Default;
    }

    /// <summary>Generates token ids for a batch; returns <c>[B, L]</c> int64 on the CPU.</summary>
    /// <param name="batchSize">B (ignored when <paramref name="sources"/> is given).</param>
    /// <param name="length">L, the fixed target length.</param>
    /// <param name="sources">The conditioning batch, or null for unconditional generation.</param>
    /// <param name="options">Steps, guidance, seed.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public long[][] Generate(int batchSize, int length, Seq2SeqBatch? sources, SamplingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireNoStartTime(options);
        return Last(Run(batchSize, length, sources, null, options, streamEvery: 0, cancellationToken));
    }

    /// <summary>
    /// Rewrites given tokens instead of sampling from the prior (SDEdit-style editing): the start tokens are noised to
    /// <see cref="SamplingOptions.StartTime"/> and the reverse steps run from there. The lower the start time, the more of
    /// the start tokens survives; 1 forgets them (the prior). Returns <c>[B, L]</c> int64 on the CPU.
    /// </summary>
    /// <param name="startTokens">Latent-vocabulary ids <c>[B, L]</c> (integer type) to start from, e.g. the source mapped into the target vocabulary.</param>
    /// <param name="sources">The conditioning batch (B rows), or null for unconditional generation.</param>
    /// <param name="options">Steps, start time, guidance, seed.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    /// <exception cref="ArgumentException">The start tokens are not a 2-D integer tensor, or their batch differs from the sources'.</exception>
    public long[][] GenerateFrom(Tensor startTokens, Seq2SeqBatch? sources, SamplingOptions options, CancellationToken cancellationToken = default)
    {
        RequireStartTokens(startTokens, sources);
        return Last(Run((int)startTokens.shape[0], (int)startTokens.shape[1], sources, startTokens, options, streamEvery: 0, cancellationToken));
    }

    /// <summary>
    /// Generates while yielding the decoded state every <paramref name="every"/> steps (and always the last step, whose
    /// ids equal <see cref="Generate"/>'s output for the same seed).
    /// </summary>
    /// <param name="batchSize">B (ignored when <paramref name="sources"/> is given).</param>
    /// <param name="length">L.</param>
    /// <param name="sources">The conditioning batch, or null.</param>
    /// <param name="options">Steps, guidance, seed.</param>
    /// <param name="every">Yield every this many steps (≥ 1).</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public IEnumerable<SamplingStep> Stream(int batchSize, int length, Seq2SeqBatch? sources, SamplingOptions options, int every = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ArgumentNullException.ThrowIfNull(options);
        RequireNoStartTime(options);
        return Run(batchSize, length, sources, null, options, every, cancellationToken);
    }

    /// <summary>
    /// <see cref="GenerateFrom"/> while yielding the decoded state every <paramref name="every"/> steps (and always the
    /// last step).
    /// </summary>
    /// <param name="startTokens">Latent-vocabulary ids <c>[B, L]</c> to start from.</param>
    /// <param name="sources">The conditioning batch, or null.</param>
    /// <param name="options">Steps, start time, guidance, seed.</param>
    /// <param name="every">Yield every this many steps (≥ 1).</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public IEnumerable<SamplingStep> StreamFrom(Tensor startTokens, Seq2SeqBatch? sources, SamplingOptions options, int every = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        RequireStartTokens(startTokens, sources);
        return Run((int)startTokens.shape[0], (int)startTokens.shape[1], sources, startTokens, options, every, cancellationToken);
    }

    private static long[][] Last(IEnumerable<SamplingStep> steps)
    {
        long[][]? last = null;
        foreach (SamplingStep step in steps)
        {
            last = step.TokenIds;
        }

        return last!;
    }

    private static void RequireNoStartTime(SamplingOptions options)
    {
        if (options.StartTime < 1)
        {
            throw new ArgumentException(
                $"SamplingOptions.StartTime = {options.StartTime} (< 1) starts from noised tokens; pass them with GenerateFrom / StreamFrom, or set StartTime = 1.",
                nameof(options));
        }
    }

    private static void RequireStartTokens(Tensor startTokens, Seq2SeqBatch? sources)
    {
        ArgumentNullException.ThrowIfNull(startTokens);
        if (startTokens.dim() != 2 || startTokens.dtype is not (ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte) || startTokens.shape[0] < 1 || startTokens.shape[1] < 1)
        {
            throw new ArgumentException(
                $"startTokens must be a non-empty [B, L] integer tensor of latent-vocabulary ids; got {startTokens.dtype} [{string.Join(", ", startTokens.shape)}].",
                nameof(startTokens));
        }

        if (sources?.SourceIds is { } sourceIds && sourceIds.shape[0] != startTokens.shape[0])
        {
            throw new ArgumentException(
                $"startTokens has {startTokens.shape[0]} rows but the sources have {sourceIds.shape[0]}; give one start row per source.",
                nameof(startTokens));
        }
    }

    private IEnumerable<SamplingStep> Run(int batchSize, int length, Seq2SeqBatch? sources, Tensor? startTokens, SamplingOptions options, int streamEvery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        TorchSharpRuntime.EnsureLoaded();
        long b = sources?.SourceIds?.shape[0] ?? batchSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(b, 1L, nameof(batchSize));
        if (options.ClampToNearestToken && space.LossKind != LatentLossKind.EmbeddingMse)
        {
            throw new ArgumentException($"SamplingOptions.ClampToNearestToken needs a space that predicts embeddings (distance or embedding); the {space.Name} space predicts token logits.", nameof(options));
        }

        if (options.SelfConditioning && !network.SupportsSelfConditioning)
        {
            throw new ArgumentException("SamplingOptions.SelfConditioning needs a network with a self-conditioning input.", nameof(options));
        }

        Device device = network.Module.parameters().First().device;
        bool wasTraining = network.Module.training;
        network.Module.eval();
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)options.Seed, device);
        Tensor? unconditionalMask = null;
        if (options.GuidanceScale > 0 && sources?.SourceMask is { } mask)
        {
            unconditionalMask = zeros_like(mask);
            unconditionalMask[TensorIndex.Colon, 0] = tensor(true);
        }

        double start = options.StartTime;
        double[] grid = Enumerable.Range(0, options.Steps + 1).Select(k => start - ((start - options.EndTime) * k / options.Steps)).ToArray();

        // The re-noise step forgets x_t: a space that can build softmax(μ·x̂0 + std·ε)·E block by block never needs x_t.
        IFusedDenoiserInput? fused = solver is RenoiseStep && !options.SelfConditioning && space is IFusedDenoiserInput { CanFuseDenoiserInput: true } f ? f : null;
        Tensor? x = null;
        Tensor? fusedInput = null;
        if (startTokens is null)
        {
            x = fused is null ? randn([b, length, space.LatentDimension], generator: generator, device: device).mul_(schedule.PriorScale) : null;
            fusedInput = fused?.FusedPriorInput(b, length, schedule.PriorScale, generator);
        }
        else
        {
            using var startScope = NewDisposeScope();
            Tensor ids = startTokens.to(ScalarType.Int64).to(device);
            Tensor t0 = full(b, start, dtype: ScalarType.Float32, device: device);
            Tensor mu = schedule.Mu(t0);
            Tensor std = schedule.Std(t0);
            x = fused is null ? ForwardProcess.AddNoise(space.CleanLatent(ids), mu, std, generator).MoveToOuterDisposeScope() : null;
            fusedInput = fused?.FusedTrainingInput(ids, mu, std, generator).MoveToOuterDisposeScope();
        }
        Tensor? selfCondition = null;
        Tensor? prediction = null;
        try
        {
            for (int k = 0; k < options.Steps; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long[][]? emit = null;

                // The scope closes before any yield, so tensors the caller creates while we are suspended are not ours.
                using (var scope = NewDisposeScope())
                {
                    Tensor t = full(b, grid[k], dtype: ScalarType.Float32, device: device);
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

                    // The previous prediction is released before the step (it can be [B, L, V] for the simplex space).
                    Replace(ref prediction, predicted.MoveToOuterDisposeScope());

                    // After the last prediction nothing reads x or the self-condition again: only the decode below.
                    if (k + 1 < options.Steps)
                    {
                        if (fused is not null)
                        {
                            RenoiseStep.Validate(schedule, grid[k + 1], out double mu, out double std);
                            Replace(ref fusedInput, fused.FusedRenoisedInput(predicted, mu, std, generator).MoveToOuterDisposeScope());
                        }
                        else if (solver is IInPlaceReverseStep inPlace)
                        {
                            Tensor? nextSelfCondition = StepInPlace(inPlace, x!, predicted, grid[k], grid[k + 1], generator, options.SelfConditioning);
                            if (nextSelfCondition is not null)
                            {
                                Replace(ref selfCondition, nextSelfCondition.MoveToOuterDisposeScope());
                            }
                        }
                        else
                        {
                            Tensor cleanEstimate = space.PredictionToLatent(predicted);
                            Tensor next = solver.Step(x!, cleanEstimate, grid[k], grid[k + 1], schedule, generator);
                            Tensor previous = x!;
                            x = next.MoveToOuterDisposeScope();
                            previous.Dispose();
                            if (options.SelfConditioning)
                            {
                                Replace(ref selfCondition, space.DenoiserInput(cleanEstimate).MoveToOuterDisposeScope());
                            }
                        }
                    }

                    if (k + 1 == options.Steps || (streamEvery > 0 && (k + 1) % streamEvery == 0))
                    {
                        emit = ToHost(space.Decode(prediction!));
                    }
                }

                if (emit is not null)
                {
                    yield return new SamplingStep(k + 1, grid[k], emit);
                }
            }
        }
        finally
        {
            x?.Dispose();
            fusedInput?.Dispose();
            selfCondition?.Dispose();
            prediction?.Dispose();
            unconditionalMask?.Dispose();
            network.Module.train(wasTraining);
        }
    }

    /// <summary>
    /// x ← step(x, x̂0) in place, x̂0 built one block of rows at a time from the prediction; with self-conditioning the
    /// next denoiser input of each block (DenoiserInput(x̂0)) is taken from the same block before it is released.
    /// </summary>
    /// <returns>The next self-condition <c>[B, L, d]</c> (in the caller's dispose scope), or null without self-conditioning.</returns>
    private Tensor? StepInPlace(
        IInPlaceReverseStep inPlace, Tensor x, Tensor predicted, double t, double tNext, Generator generator, bool selfConditioning)
    {
        using var scope = NewDisposeScope();
        Tensor predictionRows = predicted.reshape(-1, predicted.shape[^1]);
        Tensor? nextSelfCondition = selfConditioning
            ? torch.empty([predictionRows.shape[0], space.InputDimension], ScalarType.Float32, x.device)
            : null;
        LatentChunking chunking = selfConditioning && stepChunking.MaxBytes != long.MaxValue
            ? new LatentChunking(Math.Max(1, stepChunking.MaxBytes / 2))
            : stepChunking;
        inPlace.StepInPlace(
            x,
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
            generator,
            chunking);
        return nextSelfCondition?.view([.. x.shape[..^1], space.InputDimension]).MoveToOuterDisposeScope();
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
