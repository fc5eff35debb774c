using Smoothie.Diffusion.DependencyInjection;

namespace Smoothie.Samples.WebApi;

/// <summary>Builds the sample's web application (used by <c>Program.cs</c> to serve and by <see cref="SoakRun"/> to load itself).</summary>
public static class WebApiApplication
{
    /// <summary>Builds the application: the Smoothie generator, bounded admission and the endpoints.</summary>
    /// <param name="args">Command-line arguments (configuration such as <c>--urls</c> or <c>--Smoothie:PipelinePath=…</c>).</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The <c>"Admission"</c> settings are invalid.</exception>
    public static WebApplication Build(string[] args)
    {
        // Content root = the app folder, so appsettings.json is found whatever the working directory.
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // The generator: options from the "Smoothie" section (appsettings.json, environment variables such as
        // Smoothie__PipelinePath, or --Smoothie:PipelinePath=...), validated at start-up.
        ISmoothieBuilder smoothie = builder.Services.AddSmoothie(builder.Configuration.GetSection("Smoothie"));
        if (string.IsNullOrWhiteSpace(builder.Configuration["Smoothie:PipelinePath"]))
        {
            // No trained pipeline configured: serve a tiny untrained one so the sample always starts (its outputs are noise).
            smoothie.Configure(o => o.PipelinePath = null).UsePipeline(DemoPipeline.Create);
        }

        // At most Admission:MaxConcurrentRequests generations in progress and Admission:MaxQueuedRequests waiting; the rest get 503.
        builder.Services.AddAdmissionControl(builder.Configuration);

        WebApplication app = builder.Build();
        app.UseRateLimiter();
        app.MapGenerationEndpoints();
        app.Lifetime.ApplicationStarted.Register(() => PipelineWarmUp.Start(app.Services));
        return app;
    }
}
