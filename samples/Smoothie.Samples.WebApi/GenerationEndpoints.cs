using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Samples.WebApi;

/// <summary>The generation endpoints: <c>POST /generate</c> and <c>POST /generate/stream</c> (server-sent events); <c>GET /health</c> is the health checks' (WebApiApplication).</summary>
public static class GenerationEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    public static IEndpointRouteBuilder MapGenerationEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // {"text": "..."} → {"output": "...", "unknownTokenShare": 0, "outsideVocabularyShare": 0.05}; concurrent requests
        // are batched by the singleton generator. Beyond the admission limit: 503 with Retry-After (AdmissionControl).
        app.MapPost("/generate", async Task<IResult> (GenerateRequest request, ISmoothieGenerator generator, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.Text))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Give the text to rewrite, e.g. {\"text\": \"Jesus wept.\"}."] });
            }

            try
            {
                GenerationResult result = await generator.GenerateWithCoverageAsync(request.Text, cancellationToken);
                return TypedResults.Ok(new GenerateResponse(result.Text, result.UnknownTokenShare, result.Input.OutsideVocabularyShare));
            }
            catch (SmoothieQueueFullException e)
            {
                // The generator's own bound (Smoothie:MaxQueueLength), behind the admission limit: 503 as well.
                return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The server is at capacity.");
            }
        }).RequireRateLimiting(AdmissionControl.PolicyName);

        // The same request, answered as server-sent events: one GenerationUpdate (step, totalSteps, time, text) every
        // `every` steps; the last event carries the final text.
        app.MapPost("/generate/stream", IResult (GenerateRequest request, ISmoothieGenerator generator, int? every, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.Text))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Give the text to rewrite, e.g. {\"text\": \"Jesus wept.\"}."] });
            }

            if (every is < 1)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["every"] = [$"every must be ≥ 1; got {every}."] });
            }

            IAsyncEnumerable<GenerationUpdate> updates = generator.StreamAsync(request.Text, every ?? 1, cancellationToken);
            return TypedResults.ServerSentEvents(updates, eventType: "update");
        }).RequireRateLimiting(AdmissionControl.PolicyName);
        return app;
    }
}
