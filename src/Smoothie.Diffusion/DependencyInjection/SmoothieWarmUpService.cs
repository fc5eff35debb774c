using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// Loads a generator's pipeline when the host starts (registered by <c>AddSmoothie</c>), on a dedicated thread, so the
/// first request does not wait for it and the health check can tell loading from ready. Start-up does not wait for the
/// load: the host answers (its health check says "loading") meanwhile. The outcome is logged.
/// </summary>
internal sealed class SmoothieWarmUpService : IHostedService
{
    private readonly Func<BatchingSmoothieGenerator> resolve;
    private readonly ILogger logger;

    /// <summary>Creates the service; the generator is resolved when the host starts, after its options were validated.</summary>
    public SmoothieWarmUpService(Func<BatchingSmoothieGenerator> resolve, ILoggerFactory? loggers)
    {
        this.resolve = resolve;
        logger = (ILogger?)loggers?.CreateLogger<SmoothieWarmUpService>() ?? NullLogger.Instance;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        BatchingSmoothieGenerator generator = resolve();
        _ = generator.WarmUpAsync().ContinueWith(_ => Report(generator), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report(BatchingSmoothieGenerator generator)
    {
        if (generator.PipelineState == SmoothiePipelineState.Ready)
        {
            SmoothieLog.PipelineReady(logger, generator.PipelineLoadTime?.TotalSeconds ?? 0, generator.Pipeline.Space.Name, generator.Pipeline.Configuration.SamplingSteps);
        }
        else
        {
            SmoothieLog.PipelineFailed(logger, generator.PipelineLoadError);
        }
    }
}
