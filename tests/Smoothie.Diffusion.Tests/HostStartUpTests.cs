using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Smoothie.Diffusion.DependencyInjection;

namespace Smoothie.Diffusion.Tests;

/// <summary>
/// <c>AddSmoothie</c> in a real <see cref="IHost"/>: a missing pipeline folder stops start-up unless the host opts in to an
/// untrained pipeline; the warm-up service loads the pipeline when the host starts; the health check says loading,
/// ready, or failed with the reason.
/// </summary>
[Collection("torch-serial")]
public sealed class HostStartUpTests
{
    private static HostApplicationBuilder HostBuilder(Dictionary<string, string?>? configuration = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        return builder;
    }

    [Fact]
    public async Task WithoutAPipelinePathTheHostDoesNotStartAndTheMessageNamesTheOptIn()
    {
        // The section is misspelt, so nothing binds: this must not serve an untrained pipeline.
        HostApplicationBuilder builder = HostBuilder(new() { ["Smoothy:PipelinePath"] = "models/kjv-web-tiny" });
        builder.Services.AddSmoothie();
        using IHost host = builder.Build();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        string failure = Assert.Single(e.Failures);
        Assert.StartsWith("Smoothie:PipelinePath is not set; point it at a pipeline folder written by 'smoothie train'", failure, StringComparison.Ordinal);
        Assert.Contains("Smoothie__PipelinePath", failure, StringComparison.Ordinal);
        Assert.Contains("set Smoothie:AllowUntrainedPipeline = true to serve an untrained pipeline, whose outputs are noise", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUntrainedPipelineIsServedOnlyWhenTheHostOptsIn()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smoothie:AllowUntrainedPipeline"] = "true",
            ["Smoothie:Preset"] = "tiny",
        }).Build());
        services.AddSmoothie();
        using ServiceProvider provider = services.BuildServiceProvider();
        SmoothieOptions options = provider.GetRequiredService<IOptions<SmoothieOptions>>().Value;
        Assert.True(options.AllowUntrainedPipeline);
        Assert.Null(options.PipelinePath);
    }

    [Fact]
    public async Task TheWarmUpLoadsThePipelineWhenTheHostStartsAndTheHealthCheckFollowsIt()
    {
        using var gated = new GatedPipeline();
        HostApplicationBuilder builder = HostBuilder();
        builder.Services.AddSmoothie(o => o.Steps = 2).UsePipeline(gated.Create);
        builder.Services.AddHealthChecks().AddSmoothieCheck();
        using IHost host = builder.Build();
        var generator = host.Services.GetRequiredService<BatchingSmoothieGenerator>();
        var health = host.Services.GetRequiredService<HealthCheckService>();
        Assert.Equal(SmoothiePipelineState.NotLoaded, generator.PipelineState);
        HealthReport before = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Contains("not loaded yet", before.Entries["smoothie"].Description, StringComparison.Ordinal);

        await host.StartAsync();
        Assert.True(gated.Started.Wait(TimeSpan.FromSeconds(30)), "the warm-up did not start loading the pipeline");
        HealthReport loading = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, loading.Status);
        Assert.Equal("The Smoothie pipeline is loading.", loading.Entries["smoothie"].Description);
        Assert.Equal("Loading", loading.Entries["smoothie"].Data["state"]);

        gated.Release();
        HealthReport ready = await WaitForAsync(health, HealthStatus.Healthy);
        Assert.StartsWith("The Smoothie pipeline is loaded", ready.Entries["smoothie"].Description, StringComparison.Ordinal);
        Assert.Equal(SmoothiePipelineState.Ready, generator.PipelineState);
        Assert.NotNull(generator.PipelineLoadTime);
        await host.StopAsync();
    }

    [Fact]
    public async Task AFailedLoadIsUnhealthyWithTheReasonAndEveryRequestFailsWithIt()
    {
        using var gated = new GatedPipeline(new InvalidDataException("The checkpoint 'model.safetensors' holds non-finite weights."));
        gated.Release();
        HostApplicationBuilder builder = HostBuilder();
        builder.Services.AddSmoothie(o => o.Steps = 2).UsePipeline(gated.Create);
        builder.Services.AddHealthChecks().AddSmoothieCheck(tags: ["ready"]);
        using IHost host = builder.Build();
        await host.StartAsync();
        HealthReport failed = await WaitForAsync(host.Services.GetRequiredService<HealthCheckService>(), HealthStatus.Unhealthy, SmoothiePipelineState.Failed);
        HealthReportEntry entry = failed.Entries["smoothie"];
        Assert.Equal("Loading the Smoothie pipeline failed: The checkpoint 'model.safetensors' holds non-finite weights.", entry.Description);
        Assert.IsType<InvalidDataException>(entry.Exception);
        Assert.Equal(["ready"], entry.Tags);

        var generator = host.Services.GetRequiredService<ISmoothieGenerator>();
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => generator.GenerateAsync("Jesus wept."));
        Assert.Contains("non-finite weights", e.Message, StringComparison.Ordinal);
        await host.StopAsync();
    }

    /// <summary>Polls the health report until it has the status (and the Smoothie entry the state), at most 60 s.</summary>
    private static async Task<HealthReport> WaitForAsync(HealthCheckService health, HealthStatus status, SmoothiePipelineState? state = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            HealthReport report = await health.CheckHealthAsync();
            if (report.Status == status && (state is null || Equals(report.Entries["smoothie"].Data["state"], state.ToString())))
            {
                return report;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the health check still says {report.Status}: {report.Entries["smoothie"].Description}");
            await Task.Delay(50);
        }
    }
}
