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
/// The times come from a <see cref="TimeGrid"/> from <see cref="SamplingOptions.StartTime"/> to
/// <see cref="SamplingOptions.EndTime"/>. The solver only gives the coefficients of <c>x ← a·x_t + b·x̂0 + c·ε</c>; the
/// sampler overwrites its own x_t with x_{t−1} and builds x̂0 one block of rows at a time, so a step's extra memory for
/// the V-dimensional latents is one block bounded by the chunk budget instead of two new <c>[B·L, D]</c> tensors; the
/// result and the random numbers for a given seed are the same as with an out-of-place step. A solver that forgets x_t
/// (<see cref="IReverseStep.ForgetsNoisyLatent"/>) on a space that can fuse it (<see cref="IFusedDenoiserInput"/>) skips
/// x_t altogether. Every row of a batch draws its noise — the prior and each step's — from its own stream
/// (<see cref="SequenceNoise"/>), seeded from <see cref="SamplingOptions.Seed"/> and the row's key
/// (<see cref="SamplingOptions.SequenceKeys"/>: by default a hash of the row's source and start tokens), so a row's output
/// does not depend on the other rows of the batch, its position or the batch size.
/// </summary>
public sealed class DiffusionSampler
{
    private readonly IDenoiserNetwork network;
    private readonly ILatentSpace space;
    private readonly INoiseSchedule schedule;
    private readonly IReverseStep solver;

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
        if (solver.NeedsBeta && !schedule.SupportsSde)
        {
            throw new ArgumentException(
                $"The '{solver.Name}' solver needs β(t), which the '{schedule.Name}' schedule does not define; choose a solver that does not need it (e.g. {ReverseSteps.Renoise}).",
                nameof(solver));
        }

        StepChunking = stepChunking ?? (space as LatentSpaceBase)?.Chunking ?? LatentChunking.Default;
    }

    /// <summary>The denoiser.</summary>
    internal IDenoiserNetwork Network => network;

    /// <summary>The latent space.</summary>
    internal ILatentSpace Space => space;

    /// <summary>The noise schedule.</summary>
    internal INoiseSchedule Schedule => schedule;

    /// <summary>The reverse step.</summary>
    internal IReverseStep Solver => solver;

    /// <summary>Budget of the in-place step's x̂0 block.</summary>
    internal LatentChunking StepChunking { get; }

    /// <summary>
    /// For tests: take every step out of place (no fused input, no row blocks), the reference the in-place path must
    /// equal bit for bit.
    /// </summary>
    internal bool StepOutOfPlace { get; init; }

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
        long b = ValidateRun(batchSize, length, sources, options);
        var grid = new TimeGrid(options.Steps, options.EndTime, options.StartTime);
        Device device = network.Module.parameters().First().device;
        bool wasTraining = network.Module.training;
        network.Module.eval();
        using var noGrad = no_grad();
        var noise = new SequenceNoise(options.Seed, SequenceKeyDerivation.For(b, sources, startTokens, options), length);
        try
        {
            using var run = new SamplingRun(this, options, sources, startTokens, b, length, noise, device);
            for (int k = 0; k < options.Steps; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // Each step's dispose scope closes before any yield, so tensors the caller creates while we are suspended are not ours.
                bool emit = k + 1 == options.Steps || (streamEvery > 0 && (k + 1) % streamEvery == 0);
                if (run.Advance(k, grid, emit) is { } ids)
                {
                    yield return new SamplingStep(k + 1, grid[k], ids);
                }
            }
        }
        finally
        {
            network.Module.train(wasTraining);
        }
    }

    /// <summary>Checks a call's options against this sampler's network and space; returns the batch size B.</summary>
    private long ValidateRun(int batchSize, int length, Seq2SeqBatch? sources, SamplingOptions options)
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

        return b;
    }
}
