using Smoothie.Diffusion.DependencyInjection;

namespace Smoothie.Samples.WebApi;

/// <summary>Loads the pipeline in the background as soon as the server has started, so the first request need not wait for it.</summary>
public static class PipelineWarmUp
{
    /// <summary>Starts loading; a failure is logged (and reported again by every request).</summary>
    /// <param name="services">The application's services.</param>
    public static void Start(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PipelineWarmUp));
        _ = Task.Run(() =>
        {
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var pipeline = services.GetRequiredService<BatchingSmoothieGenerator>().Pipeline;
                logger.LogInformation("Smoothie pipeline ready in {Seconds:0.0} s: {Space} space, {Steps} sampling steps by default.", clock.Elapsed.TotalSeconds, pipeline.Space.Name, pipeline.Configuration.SamplingSteps);
            }
            catch (Exception e)
            {
                logger.LogError(e, "The Smoothie pipeline could not be loaded; /generate will answer 500 until this is fixed.");
            }
        });
    }
}
