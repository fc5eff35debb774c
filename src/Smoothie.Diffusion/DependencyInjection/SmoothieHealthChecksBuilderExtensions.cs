using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>Adds the <see cref="SmoothieHealthCheck"/> of an <c>AddSmoothie</c> registration to the health checks.</summary>
public static class SmoothieHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that is healthy once the generator's pipeline is loaded, and reports loading, or a failed load with its
    /// reason, otherwise: <c>services.AddHealthChecks().AddSmoothieCheck()</c>, then <c>app.MapHealthChecks("/health")</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="model">The named model (<c>AddSmoothie(name, ...)</c>) to check; null for the default registration.</param>
    /// <param name="name">The check's name; default <c>"smoothie"</c>, or <c>"smoothie-{model}"</c>.</param>
    /// <param name="failureStatus">The status while not ready; null for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (e.g. <c>"ready"</c>).</param>
    public static IHealthChecksBuilder AddSmoothieCheck(
        this IHealthChecksBuilder builder, string? model = null, string? name = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (model is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(model);
        }

        string key = model ?? string.Empty;
        return builder.Add(new HealthCheckRegistration(
            name ?? (model is null ? "smoothie" : $"smoothie-{model}"),
            sp => new SmoothieHealthCheck(SmoothieServiceCollectionExtensions.Generator(sp, key)),
            failureStatus,
            tags));
    }
}
