using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Checkpoints;
using Smoothie.Runtime.Files;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Tests;

/// <summary>Bad <c>AddSmoothie</c> settings: start-up fails with one message per problem naming the setting.</summary>
[Collection("torch-serial")]
public sealed class BadOptionsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-bad-options").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static OptionsValidationException StartUpFails(Action<SmoothieOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSmoothie(configure);
        using ServiceProvider provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SmoothieOptions>>().Value);
    }

    private string SavedFolder()
    {
        string folder = Path.Combine(root, "p");
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        pipeline.Save(folder);
        return folder;
    }

    [Fact]
    public void SamplingAndBatchingSettingsOutOfRangeAreEachNamed()
    {
        var e = StartUpFails(o =>
        {
            o.AllowUntrainedPipeline = true;
            o.Steps = 0;
            o.Solver = "euler";
            o.MaxBatchSize = 0;
            o.BatchWindow = TimeSpan.FromMilliseconds(-5);
            o.MaxQueueLength = 0;
            o.MaxConcurrentStreams = 0;
        });
        Assert.Equal(6, e.Failures.Count());
        Assert.Contains(e.Failures, f => f.Contains("Smoothie:Steps must be ≥ 1 (got 0)", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("Smoothie:Solver 'euler' is unknown; expected one of renoise, ddpm, ddim, sde", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("Smoothie:MaxBatchSize must be ≥ 1 (got 0)", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("Smoothie:BatchWindow must not be negative", StringComparison.Ordinal));
        Assert.Contains("Smoothie:MaxQueueLength must be ≥ 1 (got 0).", e.Failures);
        Assert.Contains("Smoothie:MaxConcurrentStreams must be ≥ 1 (got 0).", e.Failures);
    }

    [Fact]
    public void ASolverAliasIsNotAProblem()
    {
        var services = new ServiceCollection();
        services.AddSmoothie(o =>
        {
            o.AllowUntrainedPipeline = true;
            o.Solver = " Re-Noise ";
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Equal(" Re-Noise ", provider.GetRequiredService<IOptions<SmoothieOptions>>().Value.Solver);
    }

    [Fact]
    public void FolderThatIsNotAPipelineFolderIsNamed()
    {
        var e = StartUpFails(o => o.PipelinePath = root);
        Assert.Contains($"Smoothie:PipelinePath '{root}' has no pipeline.json; it is not a Smoothie pipeline folder", e.Message);
    }

    [Fact]
    public void InvalidPipelineJsonFailsAtStartUpNotAtTheFirstRequest()
    {
        string folder = SavedFolder();
        string config = Path.Combine(folder, PipelineFolder.ConfigurationFile);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"targetLength\": 16", "\"targetLength\": 64", StringComparison.Ordinal));
        var e = StartUpFails(o => o.PipelinePath = folder);
        Assert.Contains($"Smoothie:PipelinePath: '{config}' is invalid", e.Message);
        Assert.Contains("targetLength (64) exceeds the model's maxTargetLength (16)", e.Message);
    }

    [Fact]
    public void FolderWithoutWeightsFailsAtStartUp()
    {
        string folder = SavedFolder();
        File.Delete(Path.Combine(folder, PipelineFolder.WeightsFile));
        var e = StartUpFails(o => o.PipelinePath = folder);
        Assert.Contains($"Smoothie:PipelinePath '{folder}' has no model.safetensors", e.Message);
    }

    [Fact]
    public async Task NonFiniteWeightsFailTheFirstRequestNamingTheFile()
    {
        string folder = SavedFolder();
        string weights = Path.Combine(folder, PipelineFolder.WeightsFile);
        Dictionary<string, Tensor> tensors = SafeTensorsFile.Read(weights);
        try
        {
            tensors["time_emb.0.weight"][0, 0] = float.NaN;
            SafeTensorsFile.Write(weights, tensors);
        }
        finally
        {
            foreach (Tensor tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }

        var services = new ServiceCollection();
        services.AddSmoothie(o => o.PipelinePath = folder);
        using ServiceProvider provider = services.BuildServiceProvider();
        ISmoothieGenerator generator = provider.GetRequiredService<ISmoothieGenerator>();
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => generator.GenerateAsync("Jesus wept."));
        Assert.Contains($"The checkpoint '{weights}' holds non-finite weights", e.Message);
    }

    [Theory]
    [InlineData("Smoothie:Latent", "gaussian")]
    [InlineData("Smoothie:Steps", "ten")]
    [InlineData("Smoothie:Device", "tpu")]
    public void ValueOfTheWrongTypeInConfigurationNamesTheKeyAndTheValue(string key, string value)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection();
        services.AddSmoothie(configuration.GetSection(SmoothieOptions.SectionName));
        using ServiceProvider provider = services.BuildServiceProvider();
        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<SmoothieOptions>>().Value);
        Assert.Contains($"'{value}'", e.Message);
        Assert.Contains($"'{key}'", e.Message);
    }
}
