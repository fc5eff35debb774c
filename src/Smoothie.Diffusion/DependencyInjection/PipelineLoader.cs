using System.Diagnostics;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// Creates the generator's pipeline once, on whichever comes first: the warm-up (<see cref="StartLoading"/>, on a thread
/// of its own) or the first request (<see cref="Get"/>, which waits for a load in progress). Tells its
/// <see cref="State"/> and, after a failure, the <see cref="Error"/>, which every later <see cref="Get"/> throws again.
/// </summary>
internal sealed class PipelineLoader
{
    private readonly Lazy<SmoothiePipeline> pipeline;
    private readonly Lock gate = new();
    private SmoothiePipelineState state = SmoothiePipelineState.NotLoaded;
    private Task? loading;

    public PipelineLoader(Func<SmoothiePipeline> create)
    {
        pipeline = new Lazy<SmoothiePipeline>(() => Load(create), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public SmoothiePipelineState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    /// <summary>Why loading failed (null unless <see cref="State"/> is <see cref="SmoothiePipelineState.Failed"/>).</summary>
    public Exception? Error { get; private set; }

    /// <summary>How long the load took (null until it ended).</summary>
    public TimeSpan? LoadTime { get; private set; }

    /// <summary>Whether the pipeline exists (then disposing the owner must dispose it).</summary>
    public bool IsCreated => pipeline.IsValueCreated;

    /// <summary>The pipeline, loading it on this thread unless a load is in progress elsewhere (then waits for it).</summary>
    public SmoothiePipeline Get() => pipeline.Value;

    /// <summary>Starts loading on a dedicated thread (once); the task ends when the load has succeeded or failed, and never faults.</summary>
    public Task StartLoading()
    {
        lock (gate)
        {
            return loading ??= Task.Factory.StartNew(
                () =>
                {
                    try
                    {
                        _ = pipeline.Value;
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // Recorded in Error and State; every request rethrows it.
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }
    }

    /// <summary>Waits for a load that is in progress (so the pipeline is not disposed under it).</summary>
    public Task WhenLoadEnded()
    {
        lock (gate)
        {
            return loading ?? Task.CompletedTask;
        }
    }

    private SmoothiePipeline Load(Func<SmoothiePipeline> create)
    {
        SetState(SmoothiePipelineState.Loading);
        var clock = Stopwatch.StartNew();
        try
        {
            SmoothiePipeline created = create();
            LoadTime = clock.Elapsed;
            SetState(SmoothiePipelineState.Ready);
            return created;
        }
        catch (Exception e)
        {
            LoadTime = clock.Elapsed;
            Error = e;
            SetState(SmoothiePipelineState.Failed);
            throw;
        }
    }

    private void SetState(SmoothiePipelineState value)
    {
        lock (gate)
        {
            state = value;
        }
    }
}
