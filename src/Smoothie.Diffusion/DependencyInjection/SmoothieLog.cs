using Microsoft.Extensions.Logging;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>The warm-up's log messages (source-generated).</summary>
internal static partial class SmoothieLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Smoothie pipeline ready in {Seconds:0.0} s: {Space} space, {Steps} sampling steps by default.")]
    public static partial void PipelineReady(ILogger logger, double seconds, string space, int steps);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The Smoothie pipeline could not be loaded; the health check reports it and every request fails until this is fixed.")]
    public static partial void PipelineFailed(ILogger logger, Exception? exception);
}
