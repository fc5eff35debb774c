using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Smoothie.Diffusion.Diagnostics;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// The singleton behind <see cref="ISmoothieGenerator"/>: one pipeline, one worker on a dedicated thread. Requests that
/// arrive within <see cref="SmoothieOptions.BatchWindow"/> of each other share a model call (up to
/// <see cref="SmoothieOptions.MaxBatchSize"/>); at most <see cref="SmoothieOptions.MaxQueueLength"/> wait, further ones
/// are turned away with <see cref="SmoothieQueueFullException"/>. Streams run beside the batches (up to
/// <see cref="SmoothieOptions.MaxConcurrentStreams"/> at once). The pipeline loads when the host starts (the warm-up
/// service registered by <c>AddSmoothie</c>) or on the first request. Cancelling every request of a running model call,
/// or disposing the generator, stops the call between sampling steps.
/// </summary>
public sealed partial class BatchingSmoothieGenerator : ISmoothieGenerator, IAsyncDisposable, IDisposable
{
    private const string Generate = "generate";
    private const string Completed = "completed";
    private const string Canceled = "canceled";
    private const string Failed = "failed";
    private readonly SmoothieOptions options;
    private readonly ILogger logger;
    private readonly string model;
    private readonly SmoothieMetrics metrics;
    private readonly SmoothieMetrics? ownMetrics;
    private readonly PipelineLoader loader;
    private readonly Channel<QueuedRequest> requests = Channel.CreateUnbounded<QueuedRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource workerEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int queued;
    private int disposed;
    private int batchCount;
    private int largestBatch;
    private int stoppedBatchCount;

    /// <summary>Creates the generator of the default (unnamed) registration; options are validated here at the latest.</summary>
    /// <param name="options">The options.</param>
    /// <param name="services">The container (for an optional pipeline factory, logging and metrics).</param>
    public BatchingSmoothieGenerator(IOptions<SmoothieOptions> options, IServiceProvider services)
        : this(Options.DefaultName, (options ?? throw new ArgumentNullException(nameof(options))).Value, services)
    {
    }

    /// <summary>Creates the generator of the registration <paramref name="name"/> (<see cref="Options.DefaultName"/> for the unnamed one).</summary>
    internal BatchingSmoothieGenerator(string name, SmoothieOptions options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        this.options = options;
        model = string.IsNullOrEmpty(name) ? "default" : name;
        logger = (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<BatchingSmoothieGenerator>() ?? NullLogger.Instance;
        metrics = services.GetService<SmoothieMetrics>() ?? (ownMetrics = new SmoothieMetrics(services.GetService<IMeterFactory>()));
        PipelineFactoryHolder? factory = services.GetKeyedService<PipelineFactoryHolder>(name);
        loader = new PipelineLoader(() => factory is not null ? factory.Factory(services) : CreatePipeline(this.options, logger));
        streamPlaces = new SemaphoreSlim(options.MaxConcurrentStreams, options.MaxConcurrentStreams);
        // Without the creator's execution context: the worker must not inherit the activity (or other async-local
        // state) of whichever request happened to resolve the generator first.
        var thread = new Thread(Work) { IsBackground = true, Name = $"Smoothie generator ({model})" };
        thread.UnsafeStart();
    }

    /// <summary>How many model calls served queued (non-streaming) requests so far; read by the tests.</summary>
    internal int BatchCount => Volatile.Read(ref batchCount);

    /// <summary>The most requests one model call has served so far; read by the tests.</summary>
    internal int LargestBatch => Volatile.Read(ref largestBatch);

    /// <summary>How many model calls stopped between steps because every caller gave up; read by the tests.</summary>
    internal int StoppedBatchCount => Volatile.Read(ref stoppedBatchCount);

    /// <summary>The pipeline; loads it on this thread if no load has started (waits for one in progress).</summary>
    public SmoothiePipeline Pipeline => loader.Get();

    /// <summary>Where the pipeline is: not loaded, loading, ready or failed (what the health check reports).</summary>
    public SmoothiePipelineState PipelineState => loader.State;

    /// <summary>Why loading the pipeline failed (null unless <see cref="PipelineState"/> is <see cref="SmoothiePipelineState.Failed"/>).</summary>
    public Exception? PipelineLoadError => loader.Error;

    /// <summary>How long loading the pipeline took (null until it ended).</summary>
    public TimeSpan? PipelineLoadTime => loader.LoadTime;

    /// <summary>The requests waiting now (for a model call or a stream place); at most <see cref="SmoothieOptions.MaxQueueLength"/>.</summary>
    public int QueueLength => Volatile.Read(ref queued);

    /// <summary>
    /// Starts loading the pipeline on a dedicated thread unless it is loaded or loading (the warm-up service calls this
    /// when the host starts). The task completes when the load has succeeded or failed (see <see cref="PipelineState"/>); it never faults.
    /// </summary>
    public Task WarmUpAsync() => loader.StartLoading();

    /// <inheritdoc />
    public async Task<string> GenerateAsync(string source, CancellationToken cancellationToken = default) =>
        (await GenerateWithCoverageAsync(source, cancellationToken).ConfigureAwait(false)).Text;

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateWithCoverageAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        EnterQueue(Generate);
        var request = new QueuedRequest(source, cancellationToken);
        if (!requests.Writer.TryWrite(request))
        {
            LeaveQueue(request);
            throw new ObjectDisposedException(nameof(BatchingSmoothieGenerator));
        }

        string outcome = Failed;
        try
        {
            using (cancellationToken.Register(() => CancelWaiting(request)))
            {
                GenerationResult result = await request.Completion.Task.ConfigureAwait(false);
                outcome = Completed;
                return result;
            }
        }
        catch (OperationCanceledException)
        {
            outcome = Canceled;
            throw;
        }
        finally
        {
            metrics.RequestEnded(model, Generate, outcome, Stopwatch.GetElapsedTime(request.Arrived));
        }
    }

    /// <summary>Stops the worker (a running model call stops at its next step), fails the waiting requests and disposes the pipeline.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        requests.Writer.TryComplete();
        await stopping.CancelAsync().ConfigureAwait(false);
        await workerEnded.Task.ConfigureAwait(false);
        bool streamsEnded = await StreamsEndedAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        await loader.WhenLoadEnded().ConfigureAwait(false);
        if (loader.IsCreated && streamsEnded)
        {
            loader.Get().Dispose();
        }
        else if (!streamsEnded)
        {
            logger.LogWarning("A Smoothie stream was not ended within 10 s of disposal (its enumerator was not disposed); the pipeline is left undisposed.");
        }

        streamPlaces.Dispose();
        stopping.Dispose();
        ownMetrics?.Dispose();
    }

    /// <summary>As <see cref="DisposeAsync"/>: waits at most for the running sampling step, not for the whole call.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static SmoothiePipeline CreatePipeline(SmoothieOptions options, ILogger logger)
    {
        if (options.PipelinePath is { } path)
        {
            logger.LogInformation("Loading the Smoothie pipeline from {Path}.", path);
            return SmoothiePipeline.Load(path, options.Device);
        }

        logger.LogWarning("Smoothie:AllowUntrainedPipeline: building an untrained {Preset} pipeline ({Latent} space); its outputs are noise until it is trained.", options.Preset, options.Latent);
        SmoothieBuilder builder = SmoothieBuilder.Create().UseMiniLmEmbeddings().UseModel(options.Preset).UseDevice(options.Device);
        builder = options.Latent switch
        {
            Configuration.LatentSpaceKind.Distance => builder.UseDistanceSpace(Configuration.DistanceSettings.From(options.ArctanSchedule())),
            _ => builder.UseLatentSpace(options.Latent),
        };
        return builder.Build();
    }

    private GenerationOptions GenerationOptions() => new() { Steps = options.Steps, Solver = options.Solver, Seed = options.Seed, BatchSize = options.MaxBatchSize };

    /// <summary>Takes a place in the bounded queue, or turns the request away (counted as rejected).</summary>
    private void EnterQueue(string kind)
    {
        if (Interlocked.Increment(ref queued) > options.MaxQueueLength)
        {
            Interlocked.Decrement(ref queued);
            metrics.RequestEnded(model, kind, "rejected", latency: null);
            throw new SmoothieQueueFullException(options.MaxQueueLength);
        }

        metrics.Enqueued(model);
    }

    private void LeaveQueue()
    {
        Interlocked.Decrement(ref queued);
        metrics.Dequeued(model);
    }

    private void LeaveQueue(QueuedRequest request)
    {
        if (request.TryLeaveQueue())
        {
            LeaveQueue();
        }
    }

    /// <summary>A waiting request's caller gave up: it leaves the queue now (the worker skips it) and its task is cancelled.</summary>
    private void CancelWaiting(QueuedRequest request)
    {
        LeaveQueue(request);
        request.Completion.TrySetCanceled(request.CancellationToken);
    }

    /// <summary>Gives the tensors' freed memory back to the operating system (<see cref="SmoothieOptions.TrimNativeHeap"/>).</summary>
    private void TrimNativeHeap()
    {
        if (options.TrimNativeHeap)
        {
            Smoothie.Runtime.NativeHeap.Trim();
        }
    }
}
