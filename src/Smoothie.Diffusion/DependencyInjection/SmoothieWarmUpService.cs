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
    private readonly BatchingSmoothieGenerator generator;
    private readonly ILogger logger;

    public SmoothieWarmUpService(BatchingSmoothieGenerator generator, ILoggerFactory? loggers)
    {
        this.generator = generator;
        logger = (ILogger?)loggers?.CreateLogger<SmoothieWarmUpService>() ?? NullLogger.Instance;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = generator.WarmUpAsync().ContinueWith(_ => Report(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report()
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
