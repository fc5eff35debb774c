using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.Tests;

[Collection("torch-serial")]
public sealed class DependencyInjectionTests
{
    [Fact]
    public void BadConfigurationFailsAtStartUpWithOneMessagePerProblem()
    {
        var services = new ServiceCollection();
        services.AddSmoothie(o =>
        {
            o.AllowUntrainedPipeline = true; // the built-in model's settings count only then
            o.Preset = "huge";
            o.SigmaMin = 300;
            o.SigmaMax = 200;
            o.Embeddings = string.Empty;
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SmoothieOptions>>().Value);
        Assert.Equal(3, e.Failures.Count());
        Assert.Contains(e.Failures, f => f.Contains("Smoothie:Preset 'huge' is unknown", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("Smoothie:SigmaMax (200) must exceed Smoothie:SigmaMin (300)", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("Smoothie:Embeddings is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingPipelineFolderIsReported()
    {
        var services = new ServiceCollection();
        services.AddSmoothie(o => o.PipelinePath = "/nonexistent/model");
        using ServiceProvider provider = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ISmoothieGenerator>());
        Assert.Contains("'/nonexistent/model' does not exist", e.Message);
    }

    [Fact]
    public void ConfigurationSectionBinds()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smoothie:AllowUntrainedPipeline"] = "true",
            ["Smoothie:Steps"] = "7",
            ["Smoothie:Solver"] = "ddim",
            ["Smoothie:MaxBatchSize"] = "4",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmoothie(configuration.GetSection(SmoothieOptions.SectionName));
        using ServiceProvider provider = services.BuildServiceProvider();
        SmoothieOptions options = provider.GetRequiredService<IOptions<SmoothieOptions>>().Value;
        Assert.True(options.AllowUntrainedPipeline);
        Assert.Equal(7, options.Steps);
        Assert.Equal("ddim", options.Solver);
        Assert.Equal(4, options.MaxBatchSize);
    }

    [Fact]
    public void ParameterlessAddSmoothieBindsTheSmoothieSectionOfTheContainersConfiguration()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smoothie:PipelinePath"] = "/nonexistent/model",
            ["Smoothie:Steps"] = "7",
            ["Smoothie:MaxQueueLength"] = "5",
        }).Build());
        services.AddSmoothie().Configure(o => o.PipelinePath = null).UsePipeline(_ => TinyPipelines.Builder().Build());
        using ServiceProvider provider = services.BuildServiceProvider();
        SmoothieOptions options = provider.GetRequiredService<IOptions<SmoothieOptions>>().Value;
        Assert.Equal(7, options.Steps);
        Assert.Equal(5, options.MaxQueueLength);
    }

    [Fact]
    public async Task TwoNamedModelsAreKeyedServicesWithOptionsOfTheirOwn()
    {
        var services = new ServiceCollection();
        services.AddSmoothie("short", o => o.Steps = 2).UsePipeline(_ => TinyPipelines.Builder().Build());
        services.AddSmoothie("long", o => o.Steps = 3).UsePipeline(_ => TinyPipelines.Builder().Build());
        services.AddSmoothie("broken", o => o.MaxBatchSize = 0);
        services.AddLogging();
        services.AddHealthChecks().AddSmoothieCheck("short");
        await using ServiceProvider provider = services.BuildServiceProvider();
        var first = provider.GetRequiredKeyedService<ISmoothieGenerator>("short");
        var second = provider.GetRequiredKeyedService<ISmoothieGenerator>("long");
        Assert.NotSame(first, second);
        Assert.Null(provider.GetService<ISmoothieGenerator>());
        Assert.Equal(2, provider.GetRequiredService<IOptionsMonitor<SmoothieOptions>>().Get("short").Steps);

        var updates = new List<GenerationUpdate>();
        await foreach (GenerationUpdate update in second.StreamAsync("Jesus wept.", every: 1))
        {
            updates.Add(update);
        }

        Assert.Equal(3, updates[^1].TotalSteps);
        Assert.IsType<string>(await first.GenerateAsync("Jesus wept."));
        HealthReport health = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Entries["smoothie-short"].Status);

        // A named model's problems say which model they belong to.
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<ISmoothieGenerator>("broken"));
        Assert.Contains(e.Failures, f => f.StartsWith("Smoothie model 'broken': Smoothie:PipelinePath is not set", StringComparison.Ordinal));
        Assert.Contains("Smoothie model 'broken': Smoothie:MaxBatchSize must be ≥ 1 (got 0).", e.Failures);
    }

    [Fact]
    public async Task EightConcurrentRequestsAllSucceedAndStreamingWorks()
    {
        var services = new ServiceCollection();
        services.AddSmoothie(o =>
        {
            o.Steps = 3;
            o.MaxBatchSize = 4;
            // Wide enough that the eight requests, started together, meet in the queue even on a busy machine.
            o.BatchWindow = TimeSpan.FromMilliseconds(500);
        }).UsePipeline(_ => TinyPipelines.Builder().Build());
        await using ServiceProvider provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<ISmoothieGenerator>();
        string[] sources = TinyPipelines.Pairs.Take(8).Select(p => p.Source).ToArray();
        string[] outputs = await Task.WhenAll(sources.Select(s => Task.Run(() => generator.GenerateAsync(s))));
        Assert.Equal(8, outputs.Length);
        // The requests were batched: fewer model calls than requests, some call served several, none more than MaxBatchSize.
        var batching = Assert.IsType<BatchingSmoothieGenerator>(generator);
        Assert.InRange(batching.BatchCount, 2, 7);
        Assert.InRange(batching.LargestBatch, 2, 4);
        // Each request got decoded text back: the frame and padding tokens are stripped.
        Assert.All(outputs, o => Assert.DoesNotMatch(@"\[(CLS|SEP|PAD)\]", o));

        var updates = new List<GenerationUpdate>();
        await foreach (GenerationUpdate update in generator.StreamAsync(sources[0], every: 1))
        {
            updates.Add(update);
        }

        Assert.Equal(3, updates[^1].Step);
    }
}
