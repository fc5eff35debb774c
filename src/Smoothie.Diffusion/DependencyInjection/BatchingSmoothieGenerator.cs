using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// The singleton behind <see cref="ISmoothieGenerator"/>: one pipeline, one worker. Requests that arrive within
/// <see cref="SmoothieOptions.BatchWindow"/> of each other share a model call (up to <see cref="SmoothieOptions.MaxBatchSize"/>);
/// streaming requests take the pipeline exclusively. The pipeline is created on first use.
/// </summary>
public sealed class BatchingSmoothieGenerator : ISmoothieGenerator, IDisposable
{
    private readonly SmoothieOptions options;
    private readonly ILogger logger;
    private readonly Lazy<SmoothiePipeline> pipeline;
    private readonly Channel<Request> requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Task worker;
    private int disposed;
    private int batchCount;
    private int largestBatch;

    /// <summary>Creates the generator (options are validated here at the latest).</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="services">The container (for an optional pipeline factory and logging).</param>
    public BatchingSmoothieGenerator(IOptions<SmoothieOptions> options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        this.options = options.Value;
        logger = (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<BatchingSmoothieGenerator>() ?? NullLogger.Instance;
        PipelineFactoryHolder? factory = services.GetService<PipelineFactoryHolder>();
        pipeline = new Lazy<SmoothiePipeline>(() => factory is not null ? factory.Factory(services) : CreatePipeline(this.options, logger), LazyThreadSafetyMode.ExecutionAndPublication);
        worker = Task.Run(WorkAsync);
    }

    /// <summary>How many model calls served queued (non-streaming) requests so far; read by the tests.</summary>
    internal int BatchCount => Volatile.Read(ref batchCount);

    /// <summary>The most requests one model call has served so far; read by the tests.</summary>
    internal int LargestBatch => Volatile.Read(ref largestBatch);

    /// <summary>The pipeline (created on first access).</summary>
    public SmoothiePipeline Pipeline => pipeline.Value;

    /// <inheritdoc />
    public async Task<string> GenerateAsync(string source, CancellationToken cancellationToken = default) =>
        (await GenerateWithCoverageAsync(source, cancellationToken).ConfigureAwait(false)).Text;

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateWithCoverageAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        var request = new Request(source, new TaskCompletionSource<GenerationResult>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        await requests.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        using (cancellationToken.Register(() => request.Completion.TrySetCanceled(cancellationToken)))
        {
            return await request.Completion.Task.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<GenerationUpdate> StreamAsync(string source, int every = 5, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (GenerationUpdate update in Pipeline.GenerateAsync(source, GenerationOptions(), every, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            TrimNativeHeap();
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        requests.Writer.TryComplete();
        worker.Wait(TimeSpan.FromSeconds(30));
        if (pipeline.IsValueCreated)
        {
            pipeline.Value.Dispose();
        }

        gate.Dispose();
    }

    private static SmoothiePipeline CreatePipeline(SmoothieOptions options, ILogger logger)
    {
        if (options.PipelinePath is { } path)
        {
            logger.LogInformation("Loading the Smoothie pipeline from {Path}.", path);
            return SmoothiePipeline.Load(path, options.Device);
        }

        logger.LogWarning("No Smoothie:PipelinePath: building an untrained {Preset} pipeline ({Latent} space); its outputs are noise until it is trained.", options.Preset, options.Latent);
        SmoothieBuilder builder = SmoothieBuilder.Create().UseMiniLmEmbeddings().UseModel(options.Preset).UseDevice(options.Device);
        builder = options.Latent switch
        {
            Configuration.LatentSpaceKind.Distance => builder.UseDistanceSpace(Configuration.DistanceSettings.From(options.ArctanSchedule())),
            _ => builder.UseLatentSpace(options.Latent),
        };
        return builder.Build();
    }

    private GenerationOptions GenerationOptions() => new() { Steps = options.Steps, Solver = options.Solver, Seed = options.Seed, BatchSize = options.MaxBatchSize };

    private async Task WorkAsync()
    {
        var batch = new List<Request>();
        while (await requests.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            if (options.BatchWindow > TimeSpan.Zero)
            {
                await Task.Delay(options.BatchWindow).ConfigureAwait(false);
            }

            while (batch.Count < options.MaxBatchSize && requests.Reader.TryRead(out Request? request))
            {
                if (!request.CancellationToken.IsCancellationRequested)
                {
                    batch.Add(request);
                }
            }

            if (batch.Count == 0)
            {
                continue;
            }

            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                IReadOnlyList<GenerationResult> outputs = Pipeline.GenerateWithCoverage(batch.Select(r => r.Source).ToList(), GenerationOptions());
                Interlocked.Increment(ref batchCount);
                Volatile.Write(ref largestBatch, Math.Max(largestBatch, batch.Count));
                for (int i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(outputs[i]);
                }

                logger.LogDebug("Generated a batch of {Count}.", batch.Count);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Smoothie generation failed for a batch of {Count}.", batch.Count);
                foreach (Request request in batch)
                {
                    request.Completion.TrySetException(e);
                }
            }
            finally
            {
                TrimNativeHeap();
                gate.Release();
            }
        }
    }

    /// <summary>Gives the tensors' freed memory back to the operating system (<see cref="SmoothieOptions.TrimNativeHeap"/>).</summary>
    private void TrimNativeHeap()
    {
        if (options.TrimNativeHeap)
        {
            Smoothie.Runtime.NativeHeap.Trim();
        }
    }

    private sealed record Request(string Source, TaskCompletionSource<GenerationResult> Completion, CancellationToken CancellationToken);
}
