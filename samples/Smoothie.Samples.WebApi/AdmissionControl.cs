using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Smoothie.Samples.WebApi;

/// <summary>
/// Bounded admission for the generation endpoints: a concurrency limit with a bounded queue, and HTTP 503 with
/// <c>Retry-After</c> for requests beyond both, instead of letting requests pile up without bound in the generator's queue.
/// </summary>
/// <remarks>
/// Built on ASP.NET Core's rate-limiting middleware (a <see cref="ConcurrencyLimiter"/> policy) rather than a hand-made
/// <see cref="SemaphoreSlim"/> gate: it rejects before the request body is read, keeps a bounded first-in-first-out queue,
/// drops a queued request whose client went away (the request's abort token), releases the permit when the response has
/// been written (streamed responses included), and gives one place to set the status code and headers of a rejection.
/// </remarks>
public static class AdmissionControl
{
    /// <summary>The rate-limiter policy the generation endpoints require.</summary>
    public const string PolicyName = "generation";

    /// <summary>Registers the limiter with the settings of the <c>"Admission"</c> section (validated at start-up).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The application's configuration.</param>
    public static IServiceCollection AddAdmissionControl(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var admission = new AdmissionOptions();
        configuration.GetSection(AdmissionOptions.SectionName).Bind(admission);
        IReadOnlyList<string> problems = admission.Problems();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(AdmissionOptions.SectionName, typeof(AdmissionOptions), problems);
        }

        services.AddSingleton(admission);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                HttpResponse response = context.HttpContext.Response;
                response.Headers.RetryAfter = admission.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(
                    new
                    {
                        title = "The server is at capacity.",
                        status = StatusCodes.Status503ServiceUnavailable,
                        detail = $"{admission.MaxConcurrentRequests} generation requests are in progress and {admission.MaxQueuedRequests} waiting; retry after {admission.RetryAfterSeconds} s.",
                    },
                    cancellationToken);
            };
            limiter.AddConcurrencyLimiter(PolicyName, options =>
            {
                options.PermitLimit = admission.MaxConcurrentRequests;
                options.QueueLimit = admission.MaxQueuedRequests;
                options.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });
        return services;
    }
}
