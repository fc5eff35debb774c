using System.Text.Json;
using System.Text.Json.Nodes;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.Tests;

/// <summary>
/// Issue 20, items 1–2: each hyper-parameter has one owner, a value another setting would override is rejected, and
/// pipeline.json records every effective value (old files load as before).
/// </summary>
[Collection("torch-serial")]
public sealed class EffectiveSettingsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-effective").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void ASavedPipelineRecordsEveryEffectiveValueAndLoadsAsTheSamePipeline()
    {
        var geometry = new DistanceSettings(SigmaMin: 1.2, SigmaMax: 150, D: 7, Delta: 0.8);
        string folder = Path.Combine(root, "saved");
        using SmoothiePipeline built = TinyPipelines.Builder()
            .UseDistanceSpace(geometry, DistanceInputMode.Posterior)
            .UseModel(TinyPipelines.Model with { CopyHead = true })
            .UseSourceAlignedLayout()
            .UseLengths(12, 24)
            .UseSampling(steps: 3, solver: "ddim", clamp: true, delta: 0.4)
            .Build();
        built.Save(folder);

        JsonNode saved = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, PipelineFolder.ConfigurationFile)))!;
        Assert.Equal("posterior", (string)saved["distanceInput"]!);
        Assert.Equal("""{"name":"arctan","d":7,"delta":0.8,"sigmaMin":1.2,"sigmaMax":150}""", saved["schedule"]!.ToJsonString());
        Assert.All(["sigmaMin", "simplexK", "scheduleParameters", "spaceSigmaMin", "spaceK"], key => Assert.False(saved.AsObject().ContainsKey(key), key));
        Assert.True((bool)saved["model"]!["copyHead"]!);
        Assert.Equal(2, (int)saved["model"]!["alignedSlotsPerSourceToken"]!);
        Assert.Equal((12, 24), ((int)saved["sourceLength"]!, (int)saved["targetLength"]!));
        Assert.Equal((3, "ddim", true, 0.4), ((int)saved["samplingSteps"]!, (string)saved["solver"]!, (bool)saved["clampToNearestToken"]!, (double)saved["samplingDelta"]!));

        using SmoothiePipeline loaded = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        Assert.Equal(Json(built.Configuration), Json(loaded.Configuration));
        Assert.Equal(geometry.ToArctanParameters(), Assert.IsType<ArctanSchedule>(loaded.Schedule).Parameters);
        Assert.Equal(Assert.IsType<ArctanSchedule>(built.Schedule).Parameters, Assert.IsType<ArctanSchedule>(loaded.Schedule).Parameters);
        var space = Assert.IsType<DistanceLatentSpace>(loaded.Space);
        Assert.Equal((1.2, DistanceInputMode.Posterior), (space.SigmaMin, space.InputMode));

        built.Denoiser.eval();
        var sources = TinyPipelines.Pairs.Take(2).Select(p => p.Source).ToList();
        Assert.Equal(built.Generate(sources, new GenerationOptions { Seed = 4 }), loaded.Generate(sources, new GenerationOptions { Seed = 4 }));
    }

    [Fact]
    public void MissingScheduleParametersAreRecordedWithTheirDefaults()
    {
        SmoothieBuilder builder = TinyPipelines.Builder(LatentSpaceKind.Embedding).UseSchedule("cosine", new Dictionary<string, double> { ["beta1"] = 12 });
        using SmoothiePipeline pipeline = builder.Build();
        Assert.Equal(new CosineParameters { Beta0 = CosineParameters.Default.Beta0, Beta1 = 12 }, pipeline.Configuration.ScheduleParameters);
        Assert.Equal(new CosineParameters { Beta1 = 12 }, Assert.IsType<CosineSchedule>(pipeline.Schedule).Parameters);
    }

    [Fact]
    public void AScheduleSigmaMinThatTheSpaceWouldOverrideIsRejectedNamingBothSettings()
    {
        SmoothieBuilder builder = TinyPipelines.Builder().UseDistanceSpace(sigmaMin: 1.2).UseSchedule("arctan", new Dictionary<string, double> { ["sigmaMin"] = 2 });
        var e = Assert.Throws<ArgumentException>(() => builder.Build());
        Assert.Contains("UseSchedule gives the arctan schedule sigmaMin 2, but UseDistanceSpace(sigmaMin) gives the space 1.2", e.Message);

        // The same value twice is no conflict, and the configuration holds it once, in the schedule's record.
        PipelineConfiguration same = TinyPipelines.Builder().UseDistanceSpace(sigmaMin: 1.2).UseSchedule(new ArctanParameters { SigmaMin = 1.2 }).Configuration;
        Assert.Empty(same.Problems());
        Assert.Equal((1.2, 1.2, null), (same.SigmaMin, Assert.IsType<ArctanParameters>(same.ScheduleParameters).SigmaMin, same.SpaceSigmaMin));

        SmoothieBuilder simplex = TinyPipelines.Builder(LatentSpaceKind.Simplex).UseSimplexSpace(k: 3).UseSchedule("tess", new Dictionary<string, double> { ["k"] = 4 });
        Assert.Contains("UseSchedule gives the tess schedule k 4, but UseSimplexSpace(k) gives the space 3", Assert.Throws<ArgumentException>(() => simplex.Build()).Message);
        Assert.Equal(new TessParameters { K = 3 }, TinyPipelines.Builder(LatentSpaceKind.Simplex).UseSimplexSpace(k: 3).Configuration.ScheduleParameters);
    }

    [Fact]
    public void AScheduleChosenTwiceIsRejectedNamingBothCalls()
    {
        var e = Assert.Throws<InvalidOperationException>(() => SmoothieBuilder.Create().UseDistanceSpace(DistanceSettings.Paper).UseArctanSchedule(d: 5));
        Assert.Contains("UseArctanSchedule would replace the 'arctan' schedule chosen by UseDistanceSpace(DistanceSettings)", e.Message);

        e = Assert.Throws<InvalidOperationException>(() => SmoothieBuilder.Create().UseCosineSdSchedule().UseDistanceSpace(DistanceSettings.Paper));
        Assert.Contains("UseDistanceSpace(DistanceSettings) would replace the 'cosine-sd' schedule chosen by UseCosineSdSchedule", e.Message);

        // A latent space only proposes its own schedule; an explicit one stays whatever the order.
        Assert.Equal("sqrt", SmoothieBuilder.Create().UseSqrtSchedule().UseEmbeddingSpace().Configuration.Schedule);
        Assert.Equal("cosine-sd", SmoothieBuilder.Create().UseDistanceSpace().UseEmbeddingSpace().Configuration.Schedule);
    }

    [Fact]
    public void TheShippedPipelineJsonLoadsWithTheValuesItWasTrainedWith()
    {
        // The shipped model's settings as the first format wrote them (the model shipped before issue 27 had such a file).
        string folder = CopyOfTheShippedModel("first-format");
        JsonNode file = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, PipelineFolder.ConfigurationFile)))!;
        Assert.Null(file["scheduleParameters"]!["sigmaMin"]); // the old format, written before the schedule's parameters were recorded in full

        using SmoothiePipeline pipeline = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        var expected = new ArctanParameters { D = 9, Delta = 1, SigmaMin = 1.06, SigmaMax = 141.4 };
        Assert.Equal(expected, Assert.IsType<ArctanSchedule>(pipeline.Schedule).Parameters);
        Assert.Equal(1.06, Assert.IsType<DistanceLatentSpace>(pipeline.Space).SigmaMin);
        Assert.Equal(expected, pipeline.Configuration.ScheduleParameters);

        // μ_t and std_t are the Arctan formulas with those values, as before.
        double t = 0.3, sigmaBar = ((141.4 / 1.06) - 1) * (2 / Math.PI) * Math.Atan(Math.Sqrt(t / (1 - t)) / 9) + 1;
        Assert.Equal(1 / (sigmaBar * sigmaBar), pipeline.Schedule.Mu(t), 12);
        Assert.Equal(Math.Sqrt(1 - Math.Pow(sigmaBar, -4)), pipeline.Schedule.Std(t), 12);
    }

    [Fact]
    public void OlderFilesLoadAsTheirVersionRanThem()
    {
        string folder = CopyOfTheShippedModel("legacy");
        string path = Path.Combine(folder, PipelineFolder.ConfigurationFile);
        JsonNode original = JsonNode.Parse(File.ReadAllText(path))!;

        // An earlier `--schedule-params sigmaMin=2` was saved, then replaced by the space's σ_min: loads with that σ_min, and says so.
        JsonNode stale = original.DeepClone();
        stale["scheduleParameters"]!["sigmaMin"] = 2;
        File.WriteAllText(path, stale.ToJsonString());
        using (SmoothiePipeline pipeline = SmoothiePipeline.Load(folder, DeviceKind.Cpu))
        {
            Assert.Equal(1.06, Assert.IsType<ArctanSchedule>(pipeline.Schedule).SigmaMin);
            Assert.Contains("scheduleParameters.sigmaMin 2", pipeline.Configuration.Notes["ignoredScheduleParameter"]);
        }

        // No scheduleParameters at all: the paper's d, δ and σ_max, as the defaults were then.
        JsonNode bare = original.DeepClone();
        bare.AsObject().Remove("scheduleParameters");
        File.WriteAllText(path, bare.ToJsonString());
        using (SmoothiePipeline pipeline = SmoothiePipeline.Load(folder, DeviceKind.Cpu))
        {
            Assert.Equal(ArctanParameters.Paper with { SigmaMin = 1.06 }, Assert.IsType<ArctanSchedule>(pipeline.Schedule).Parameters);
        }
    }

    /// <summary>A copy of the shipped model folder whose pipeline.json is written in the first format (formatVersion 1).</summary>
    private string CopyOfTheShippedModel(string name)
    {
        string folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(ShippedModelTests.Folder))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(folder, PipelineFolder.ConfigurationFile), ShippedModelTests.ConfigurationInFirstFormat().ToJsonString());
        return folder;
    }

    private static string Json(PipelineConfiguration configuration) => JsonSerializer.Serialize(configuration, PipelineConfiguration.JsonOptions);
}
