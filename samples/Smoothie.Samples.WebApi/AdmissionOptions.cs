namespace Smoothie.Samples.WebApi;

/// <summary>
/// How many generation requests the server admits (configuration section <c>"Admission"</c>): up to
/// <see cref="MaxConcurrentRequests"/> in progress and <see cref="MaxQueuedRequests"/> waiting; any further request is
/// answered at once with HTTP 503 and a <c>Retry-After</c> of <see cref="RetryAfterSeconds"/>.
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>The configuration section name (<c>"Admission"</c>).</summary>
    public const string SectionName = "Admission";

    /// <summary>
    /// Generation requests in progress at once (handed to the generator, which batches them up to
    /// <c>Smoothie:MaxBatchSize</c> per model call); at least 1. Default 32: two full batches of 16.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>Requests waiting (first in, first out) for one of those places; 0 rejects every request beyond them. Default 64.</summary>
    public int MaxQueuedRequests { get; set; } = 64;

    /// <summary>The <c>Retry-After</c> (seconds) sent with a 503; at least 1. Default 2.</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>One message per invalid setting (empty when all are valid).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (MaxConcurrentRequests < 1)
        {
            problems.Add($"{SectionName}:MaxConcurrentRequests must be ≥ 1; got {MaxConcurrentRequests}.");
        }

        if (MaxQueuedRequests < 0)
        {
            problems.Add($"{SectionName}:MaxQueuedRequests must be ≥ 0; got {MaxQueuedRequests}.");
        }

        if (RetryAfterSeconds < 1)
        {
            problems.Add($"{SectionName}:RetryAfterSeconds must be ≥ 1; got {RetryAfterSeconds}.");
        }

        return problems;
    }
}
