using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Smoothie.Samples.WebApi;

/// <summary>
/// The body of <c>GET /health</c>: <c>{"status": "Healthy", "checks": {"smoothie": {"status", "description", "data"}}}</c>,
/// so a probe or a person sees why the server is not ready ("loading", or the load's error).
/// </summary>
public static class HealthResponse
{
    /// <summary>Writes the report as JSON (the status code is set by the health-check middleware: 200 healthy, 503 unhealthy).</summary>
    /// <param name="context">The request.</param>
    /// <param name="report">The health report.</param>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
    }
}
