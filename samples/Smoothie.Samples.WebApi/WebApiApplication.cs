using Smoothie.Diffusion.DependencyInjection;

namespace Smoothie.Samples.WebApi;

/// <summary>Builds the sample's web application (used by <c>Program.cs</c> to serve and by <see cref="SoakRun"/> to load itself).</summary>
public static class WebApiApplication
{
    /// <summary>Builds the application: the Smoothie generator and its health check, bounded admission, telemetry and the endpoints.</summary>
    /// <param name="args">Command-line arguments (configuration such as <c>--urls</c> or <c>--Smoothie:PipelinePath=…</c>).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The <c>"Admission"</c> settings are invalid.</exception>
    public static WebApplication Build(string[] args)
    {
        // Content root = the app folder, so appsettings.json is found whatever the working directory.
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // The generator: options from the "Smoothie" section (appsettings.json, environment variables such as
        // Smoothie__PipelinePath, or --Smoothie:PipelinePath=...), validated at start-up. Without a PipelinePath the
        // server does not start, unless Smoothie:AllowUntrainedPipeline opts in to the tiny untrained demo pipeline.
        ISmoothieBuilder smoothie = builder.Services.AddSmoothie();
        if (string.IsNullOrWhiteSpace(builder.Configuration["Smoothie:PipelinePath"]) && builder.Configuration.GetValue<bool>("Smoothie:AllowUntrainedPipeline"))
        {
            smoothie.Configure(o => o.PipelinePath = null).UsePipeline(DemoPipeline.Create);
        }

        // /health: 200 once the pipeline is loaded (the generator loads it when the server starts); 503 while it loads or
        // after loading failed, with the reason.
        builder.Services.AddHealthChecks().AddSmoothieCheck();

        // At most Admission:MaxConcurrentRequests generations in progress and Admission:MaxQueuedRequests waiting; the rest get 503.
        builder.Services.AddAdmissionControl(builder.Configuration);

        // Metrics and traces over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
        builder.AddSampleTelemetry();

        WebApplication app = builder.Build();
        app.UseRateLimiter();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapGenerationEndpoints();
        return app;
    }
}
