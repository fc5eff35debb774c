using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Smoothie.Diffusion.Diagnostics;

namespace Smoothie.Samples.WebApi;

/// <summary>
/// OpenTelemetry for the sample: Smoothie's meter and activity source, exported over OTLP, switched on by the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable (e.g. <c>http://127.0.0.1:4317</c> for a local collector); without it
/// nothing is exported.
/// </summary>
public static class SampleTelemetry
{
    /// <summary>Adds the OpenTelemetry SDK when an OTLP endpoint is configured.</summary>
    /// <param name="builder">The application builder.</param>
    public static WebApplicationBuilder AddSampleTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(SmoothieDiagnostics.MeterName).AddOtlpExporter())
            .WithTracing(tracing => tracing.AddSource(SmoothieDiagnostics.ActivitySourceName).AddOtlpExporter());
        return builder;
    }
}
