using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Smoothie.Diffusion.Configuration;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Sampling;
using Smoothie.Sampling.Solvers;
using Smoothie.Schedulers.Schedules;
using Smoothie.Text.Realization;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// The generation path of a pipeline: sources split and framed (<see cref="PipelineEncoder"/>), sampled in batches by a
/// <see cref="DiffusionSampler"/> over the latent space with the denoiser, read back through the target layout and
/// realized as text.
/// </summary>
internal sealed class PipelineGenerator
{
    private readonly PipelineConfiguration configuration;
    private readonly PipelineEncoder encoder;
    private readonly SmoothieDenoiserNetwork network;
    private readonly ILatentSpace space;
    private readonly INoiseSchedule schedule;
    private readonly Func<ITextRealizer> realizer;
    private readonly Func<GenerationOptions, LookupGuard?> guard;
    private readonly Func<string, string> draft;
    private readonly Device device;
    private readonly long sourcePadId;
    private int activeStreams;

    public PipelineGenerator(PipelineConfiguration configuration, PipelineEncoder encoder, SmoothieDenoiserNetwork network, ILatentSpace space, INoiseSchedule schedule, Func<ITextRealizer> realizer, Func<GenerationOptions, LookupGuard?> guard, Func<string, string> draft, Device device, long sourcePadId)
    {
        this.configuration = configuration;
        this.encoder = encoder;
        this.network = network;
        this.space = space;
        this.schedule = schedule;
        this.realizer = realizer;
        this.guard = guard;
        this.draft = draft;
        this.device = device;
        this.sourcePadId = sourcePadId;
    }

    /// <summary>Rewrites each source in batches; see <see cref="SmoothiePipeline.Generate"/>.</summary>
    public IReadOnlyList<string> Generate(IReadOnlyList<string> sources, GenerationOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        options ??= new GenerationOptions();
        Validate(options);
        if (options.Candidates == 1)
        {
            return GenerateOnce(sources, options, cancellationToken);
        }

        // Minimum-Bayes-risk selection: K candidates with consecutive seeds, the one the others agree with most.
        var runs = new List<IReadOnlyList<string>>(options.Candidates);
        for (int k = 0; k < options.Candidates; k++)
        {
            runs.Add(GenerateOnce(sources, options with { Seed = unchecked(options.Seed + k) }, cancellationToken));
        }

        return Enumerable.Range(0, sources.Count).Select(i => Evaluation.MinimumBayesRisk.Select(runs.Select(run => run[i]).ToList())).ToList();
    }

    private IReadOnlyList<string> GenerateOnce(IReadOnlyList<string> sources, GenerationOptions options, CancellationToken cancellationToken)
    {
        DiffusionSampler sampler = CreateSampler(options);
        SamplingOptions sampling = SamplingOptionsFor(options);
        IReadOnlyList<string> inputs = Drafts(sources);
        SourcePieces pieces = encoder.SplitSources(inputs);
        var generated = new List<long[]>(pieces.Count);
        for (int start = 0; start < pieces.Count; start += options.BatchSize)
        {
            var rows = pieces.Rows.Skip(start).Take(options.BatchSize).ToList();
            using var scope = NewDisposeScope();
            using Seq2SeqBatch batch = Seq2SeqBatch.FromSources(rows, sourcePadId, device);
            generated.AddRange(options.Strength < 1
                ? sampler.GenerateFrom(StartTokens(pieces.Contents.Skip(start).Take(rows.Count)), batch, sampling, cancellationToken)
                : sampler.Generate(rows.Count, encoder.TargetLength, batch, sampling, cancellationToken));
        }

        ITextRealizer text = realizer();
        LookupGuard? repair = guard(options);
        return Enumerable.Range(0, sources.Count).Select(i => Guarded(repair, pieces.Join(i, generated, encoder, text, inputs[i], options.RemoveRepeatedWords), sources[i])).ToList();
    }

    /// <summary>Rewrites one source on a background thread, streaming every <paramref name="every"/>-th step; see <see cref="SmoothiePipeline.GenerateAsync"/>.</summary>
    public async IAsyncEnumerable<GenerationUpdate> StreamAsync(string source, GenerationOptions? options, int every, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        options ??= new GenerationOptions();
        Validate(options);
        var channel = Channel.CreateBounded<GenerationUpdate>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });

        // The producer stops when the caller cancels or stops enumerating (the finally below), so an abandoned
        // `await foreach` leaves no thread blocked on the full channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Interlocked.Increment(ref activeStreams);
        Task producer = Task.Run(
            () =>
            {
                try
                {
                    Produce(channel.Writer, source, options, every, stop.Token);
                    channel.Writer.Complete();
                }
                catch (Exception e)
                {
                    channel.Writer.Complete(e);
                }
                finally
                {
                    Interlocked.Decrement(ref activeStreams);
                }
            },
            CancellationToken.None);
        try
        {
            await foreach (GenerationUpdate update in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    /// <summary>The streams whose producer is still running; read by the tests.</summary>
    internal int ActiveStreams => Volatile.Read(ref activeStreams);

    /// <summary>
    /// The sampler settings and δ a generation with <paramref name="options"/> uses: each value the options leave null
    /// comes from the pipeline's defaults.
    /// </summary>
    public (SamplingOptions Sampling, double? Delta) EffectiveSampling(GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (SamplingOptionsFor(options), options.Delta ?? configuration.SamplingDelta);
    }

    /// <summary>The noise schedule of <paramref name="configuration"/>, with δ replaced when <paramref name="delta"/> is given (Arctan only).</summary>
    public static INoiseSchedule CreateSchedule(PipelineConfiguration configuration, double? delta)
    {
        NoiseScheduleParameters parameters = configuration.ScheduleParameters;
        if (delta is { } value)
        {
            parameters = parameters is ArctanParameters arctan
                ? arctan with { Delta = value }
                : throw new ArgumentException($"Unknown parameter(s) delta for the '{parameters.ScheduleName}' schedule: sampling with another δ needs the Arctan schedule.", nameof(delta));
        }

        return parameters.CreateSchedule();
    }

    private void Produce(ChannelWriter<GenerationUpdate> writer, string source, GenerationOptions options, int every, CancellationToken cancellationToken)
    {
        DiffusionSampler sampler = CreateSampler(options);
        SamplingOptions sampling = SamplingOptionsFor(options);
        string input = draft(source);
        SourcePieces pieces = encoder.SplitSources([input]);
        if (pieces.Count == 0)
        {
            // An empty source has an empty rewrite; there is nothing to sample.
            writer.WriteAsync(new GenerationUpdate(sampling.Steps, sampling.Steps, 0, string.Empty), cancellationToken).AsTask().GetAwaiter().GetResult();
            return;
        }

        using Seq2SeqBatch batch = Seq2SeqBatch.FromSources(pieces.Rows, sourcePadId, device);
        using Tensor? startTokens = options.Strength < 1 ? StartTokens(pieces.Contents) : null;
        IEnumerable<SamplingStep> steps = startTokens is null
            ? sampler.Stream(pieces.Count, encoder.TargetLength, batch, sampling, every, cancellationToken)
            : sampler.StreamFrom(startTokens, batch, sampling, every, cancellationToken);
        ITextRealizer text = realizer();
        LookupGuard? repair = guard(options);
        foreach (SamplingStep step in steps)
        {
            var update = new GenerationUpdate(step.Index, sampling.Steps, step.Time, Guarded(repair, pieces.Join(0, step.TokenIds, encoder, text, input, options.RemoveRepeatedWords), source));
            writer.WriteAsync(update, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>What the model is given for each source: the source itself, or its draft (<see cref="PipelineConfiguration.SourceDraft"/>).</summary>
    private IReadOnlyList<string> Drafts(IReadOnlyList<string> sources)
    {
        var inputs = new string[sources.Count];
        for (int i = 0; i < sources.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(sources[i], nameof(sources));
            inputs[i] = draft(sources[i]);
        }

        return inputs;
    }

    private static string Guarded(LookupGuard? repair, string output, string source) => repair is null ? output : repair.Apply(output, source);

    private static void Validate(GenerationOptions options)
    {
        if (options.Guard?.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException($"GenerationOptions.Guard: {string.Join(" ", problems)}", nameof(options));
        }

        if (options.Candidates < 1)
        {
            throw new ArgumentException($"GenerationOptions.Candidates must be ≥ 1 (1 = no minimum-Bayes-risk selection); got {options.Candidates}.", nameof(options));
        }

        if (options.BatchSize < 1)
        {
            throw new ArgumentException($"GenerationOptions.BatchSize must be ≥ 1; got {options.BatchSize}.", nameof(options));
        }

        if (!(options.Strength > 0 && options.Strength <= 1))
        {
            throw new ArgumentException(
                $"GenerationOptions.Strength must lie in (0, 1] (1 = start from noise, lower = keep more of the source); got {options.Strength}.",
                nameof(options));
        }
    }

    /// <summary>The sources laid out as targets (latent ids), where source-initialised sampling starts.</summary>
    private Tensor StartTokens(IEnumerable<long[]> sourceContents)
    {
        List<long[]> block = encoder.StartRows(sourceContents);
        return tensor(block.SelectMany(row => row).ToArray(), [block.Count, encoder.TargetLength], device: device);
    }

    private DiffusionSampler CreateSampler(GenerationOptions options)
    {
        double? delta = EffectiveSampling(options).Delta;
        INoiseSchedule sampled = delta is null ? schedule : CreateSchedule(configuration, delta);
        return new DiffusionSampler(network, space, sampled, ReverseSteps.Create(options.Solver ?? configuration.Solver));
    }

    private SamplingOptions SamplingOptionsFor(GenerationOptions options) => new()
    {
        Steps = options.Steps ?? configuration.SamplingSteps,
        GuidanceScale = options.GuidanceScale,
        Seed = options.Seed,
        SelfConditioning = network.SupportsSelfConditioning,
        ClampToNearestToken = options.ClampToNearestToken ?? configuration.ClampToNearestToken,
        StartTime = options.Strength,
    };
}
