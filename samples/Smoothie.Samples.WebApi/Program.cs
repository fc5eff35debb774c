using Microsoft.Extensions.Options;
using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Samples.WebApi;

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

WebApplication app = builder.Build();
app.MapGenerationEndpoints();
app.Lifetime.ApplicationStarted.Register(() => PipelineWarmUp.Start(app.Services));
try
{
    app.Run();
    return 0;
}
catch (OptionsValidationException e)
{
    // Bad configuration stops the server at start-up with one line per problem.
    Console.Error.WriteLine("The Smoothie configuration is invalid:");
    foreach (string failure in e.Failures)
    {
        Console.Error.WriteLine($" - {failure}");
    }

    return 1;
}
