using Smoothie.Latent.Spaces;
using Smoothie.Native;
using Smoothie.Schedulers.Schedules;
using Smoothie.Schedulers.Steps;
using Smoothie.Training.Data;
using Smoothie.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Training.Sampling;

/// <summary>
/// One sampler for every latent space and solver: start from the prior, and at each time of the grid predict the clean
/// data, map it into the latent space and take a reverse step. The output is the decode of the last prediction.
/// Each step runs under its own dispose scope; nothing is copied to the host inside the loop unless streaming asks.
/// </summary>
public sealed class DiffusionSampler
{
    private readonly IDenoiserNetwork network;
    private readonly ILatentSpace space;
    private readonly INoiseSchedule schedule;
    private readonly IReverseStep solver;

    /// <summary>Creates a sampler.</summary>
    /// <param name="network">The denoiser (use EMA weights for best results).</param>
    /// <param name="space">The latent space it was trained in.</param>
    /// <param name="schedule">The noise schedule.</param>
    /// <param name="solver">The reverse step (re-noise, DDPM, DDIM, SDE).</param>
    public DiffusionSampler(IDenoiserNetwork network, ILatentSpace space, INoiseSchedule schedule, IReverseStep solver)
    {
        this.network = network ?? throw new ArgumentNullException(nameof(network));
        this.space = space ?? throw new ArgumentNullException(nameof(space));
        this.schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        this.solver = solver ?? throw new ArgumentNullException(nameof(solver));
        if (solver.Name == "sde" && !schedule.SupportsSde)
        {
            throw new ArgumentException($"The SDE solver needs β(t), which the '{schedule.Name}' schedule does not define; choose renoise, ddpm or ddim.", nameof(solver));
        }
    }

    /// <summary>Generates token ids for a batch; returns <c>[B, L]</c> int64 on the CPU.</summary>
    /// <param name="batchSize">B (ignored when <paramref name="sources"/> is given).</param>
    /// <param name="length">L, the fixed target length.</param>
    /// <param name="sources">The conditioning batch, or null for unconditional generation.</param>
    /// <param name="options">Steps, guidance, seed.</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public long[][] Generate(int batchSize, int length, Seq2SeqBatch? sources, SamplingOptions options, CancellationToken cancellationToken = default)
    {
        long[][]? last = null;
        foreach (SamplingStep step in Run(batchSize, length, sources, options, streamEvery: 0, cancellationToken))
        {
            last = step.TokenIds;
        }

        return last!;
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
        return Run(batchSize, length, sources, options, every, cancellationToken);
    }

    private IEnumerable<SamplingStep> Run(int batchSize, int length, Seq2SeqBatch? sources, SamplingOptions options, int streamEvery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        TorchSharpRuntime.EnsureLoaded();
        long b = sources?.SourceIds?.shape[0] ?? batchSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(b, 1L, nameof(batchSize));
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

        double[] grid = Enumerable.Range(0, options.Steps + 1).Select(k => 1.0 - ((1.0 - options.EndTime) * k / options.Steps)).ToArray();
        Tensor x = randn([b, length, space.LatentDimension], generator: generator, device: device).mul_(schedule.PriorScale);
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
                    Tensor input = space.DenoiserInput(x);
                    Tensor predicted = network.Predict(input, t, sources?.SourceIds, sources?.SourceMask, selfCondition);
                    if (unconditionalMask is not null)
                    {
                        Tensor unconditional = network.Predict(input, t, sources!.SourceIds, unconditionalMask, selfCondition);
                        predicted = unconditional + ((1 + options.GuidanceScale) * (predicted - unconditional));
                    }

                    Tensor cleanEstimate = space.PredictionToLatent(predicted);
                    Tensor next = k + 1 < options.Steps
                        ? solver.Step(x, cleanEstimate, grid[k], grid[k + 1], schedule, generator)
                        : cleanEstimate;

                    Tensor previous = x;
                    x = next.MoveToOuterDisposeScope();
                    previous.Dispose();
                    if (options.SelfConditioning)
                    {
                        Replace(ref selfCondition, space.DenoiserInput(cleanEstimate).MoveToOuterDisposeScope());
                    }

                    Replace(ref prediction, predicted.MoveToOuterDisposeScope());
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
            x.Dispose();
            selfCondition?.Dispose();
            prediction?.Dispose();
            unconditionalMask?.Dispose();
            network.Module.train(wasTraining);
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
