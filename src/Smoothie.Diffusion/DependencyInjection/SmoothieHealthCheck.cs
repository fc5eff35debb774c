using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// Reports whether a generator can serve: healthy once its pipeline is loaded; the registration's failure status
/// (unhealthy by default, so <c>MapHealthChecks</c> answers 503) while it is not loaded yet or loading, and after
/// loading failed, with the reason. Registered by <see cref="SmoothieHealthChecksBuilderExtensions.AddSmoothieCheck"/>.
/// </summary>
public sealed class SmoothieHealthCheck : IHealthCheck
{
    private readonly BatchingSmoothieGenerator generator;

    /// <summary>Creates the check of <paramref name="generator"/>.</summary>
    /// <param name="generator">The generator to report on.</param>
    public SmoothieHealthCheck(BatchingSmoothieGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        this.generator = generator;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        SmoothiePipelineState state = generator.PipelineState;
        var data = new Dictionary<string, object>
        {
            ["state"] = state.ToString(),
            ["queueLength"] = generator.QueueLength,
        };
        if (generator.PipelineLoadTime is { } loadTime)
        {
            data["loadSeconds"] = Math.Round(loadTime.TotalSeconds, 3);
        }

        HealthStatus failure = context.Registration.FailureStatus;
        HealthCheckResult result = state switch
        {
            SmoothiePipelineState.Ready => HealthCheckResult.Healthy(
                string.Create(CultureInfo.InvariantCulture, $"The Smoothie pipeline is loaded; {generator.QueueLength} requests are waiting."), data),
            SmoothiePipelineState.Loading => new HealthCheckResult(failure, "The Smoothie pipeline is loading.", data: data),
            SmoothiePipelineState.Failed => new HealthCheckResult(
                failure, $"Loading the Smoothie pipeline failed: {generator.PipelineLoadError?.Message}", generator.PipelineLoadError, data),
            _ => new HealthCheckResult(failure, "The Smoothie pipeline is not loaded yet (it loads when the host starts, or on the first request).", data: data),
        };
        return Task.FromResult(result);
    }
}
