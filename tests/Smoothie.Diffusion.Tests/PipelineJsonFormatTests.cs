using System.Text.Json;
using System.Text.Json.Nodes;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.Tests;

/// <summary>
/// Issue 26 item 3: pipeline.json holds the schedule's typed record once (<c>"schedule": {"name": …, …}</c>), σ_min in
/// one slot; files of the old format (schedule name, <c>scheduleParameters</c> map, top-level <c>sigmaMin</c>) still load.
/// </summary>
[Collection("torch-serial")]
public sealed class PipelineJsonFormatTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-json-format").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void TheOldAndTheNewFormatOfTheShippedModelGiveTheSameEffectiveSettingsAndOutputs()
    {
        JsonObject v1 = ShippedModelTests.ConfigurationInFirstFormat();
        string oldFolder = Copy(ShippedModelTests.Folder, "old");
        string oldText = v1.ToJsonString();
        File.WriteAllText(Path.Combine(oldFolder, PipelineFolder.ConfigurationFile), oldText);
        string newFolder = Copy(ShippedModelTests.Folder, "new");
        string newText = PipelineConfiguration.FromJson(oldText).ToJson();
        File.WriteAllText(Path.Combine(newFolder, PipelineFolder.ConfigurationFile), newText);

        JsonObject written = JsonNode.Parse(newText)!.AsObject();
        Assert.Equal("""{"name":"arctan","d":9,"delta":1,"sigmaMin":1.06,"sigmaMax":141.4}""", written["schedule"]!.ToJsonString());
        Assert.All(["sigmaMin", "simplexK", "scheduleParameters", "spaceSigmaMin", "spaceK"], key => Assert.False(written.ContainsKey(key), key));

        using SmoothiePipeline fromOld = SmoothiePipeline.Load(oldFolder, DeviceKind.Cpu);
        using SmoothiePipeline fromNew = SmoothiePipeline.Load(newFolder, DeviceKind.Cpu);
        Assert.Equal(fromOld.Configuration.ToJson(), fromNew.Configuration.ToJson());
        Assert.Equal(written["schedule"]!.ToJsonString(), JsonNode.Parse(fromOld.Configuration.ToJson())!["schedule"]!.ToJsonString());
        Assert.Equal(Assert.IsType<ArctanSchedule>(fromOld.Schedule).Parameters, Assert.IsType<ArctanSchedule>(fromNew.Schedule).Parameters);
        Assert.Equal(1.06, Assert.IsType<DistanceLatentSpace>(fromNew.Space).SigmaMin);

        string[] sources = ["And God said, Let there be light: and there was light.", "Jesus wept."];
        Assert.Equal(fromOld.Generate(sources, new GenerationOptions { Seed = 3 }), fromNew.Generate(sources, new GenerationOptions { Seed = 3 }));
    }

    [Fact]
    public void ASpaceWhoseScheduleLacksItsParameterKeepsItInItsOwnSlot()
    {
        PipelineConfiguration distance = SmoothieBuilder.Create().UseDistanceSpace(sigmaMin: 1.3).UseSqrtSchedule().Configuration;
        Assert.Equal((1.3, 1.3), (distance.SpaceSigmaMin, distance.SigmaMin));
        Assert.IsType<SqrtParameters>(distance.ScheduleParameters);
        Assert.Contains("\"spaceSigmaMin\": 1.3", distance.ToJson());
        Assert.Equal(distance.ToJson(), PipelineConfiguration.FromJson(distance.ToJson()).ToJson());
        Assert.Empty(distance.Problems());

        // The same settings in the old format.
        PipelineConfiguration old = PipelineConfiguration.FromJson(Old(LatentSpaceNames.Distance, NoiseSchedules.Sqrt, """{}""", sigmaMin: 1.3));
        Assert.Equal(distance.ToJson(), old.ToJson());

        PipelineConfiguration simplex = PipelineConfiguration.FromJson(Old(LatentSpaceNames.Simplex, NoiseSchedules.Cosine, """{"beta1":12}""", simplexK: 3));
        Assert.Equal((3, 3.0, (double?)null), (simplex.SpaceK, simplex.SimplexK, simplex.SpaceSigmaMin));
        Assert.Equal(new CosineParameters { Beta1 = 12 }, simplex.ScheduleParameters);

        PipelineConfiguration tess = PipelineConfiguration.FromJson(Old(LatentSpaceNames.Simplex, NoiseSchedules.Tess, """{}""", simplexK: 3));
        Assert.Equal((new TessParameters { K = 3 }, (double?)null), (tess.ScheduleParameters, tess.SpaceK));

        PipelineConfiguration embedding = PipelineConfiguration.FromJson(Old(LatentSpaceNames.Embedding, NoiseSchedules.CosineSd, """{"d":7}""", sigmaMin: 1.3));
        Assert.Equal((new CosineSdParameters { D = 7 }, (double?)null), (embedding.ScheduleParameters, embedding.SpaceSigmaMin));
    }

    [Fact]
    public void BadScheduleSettingsAreRejectedNamingTheSetting()
    {
        JsonObject json = JsonNode.Parse(new PipelineConfiguration().ToJson())!.AsObject();

        JsonObject leftover = (JsonObject)json.DeepClone();
        leftover["sigmaMin"] = 1.2;
        Assert.Contains("'sigmaMin' is a setting of the old format", Assert.Throws<JsonException>(() => PipelineConfiguration.FromJson(leftover.ToJsonString())).Message);

        JsonObject unknown = (JsonObject)json.DeepClone();
        unknown["schedule"] = JsonNode.Parse("""{"name":"linear"}""");
        Assert.Contains("Unknown noise schedule 'linear'", Assert.Throws<JsonException>(() => PipelineConfiguration.FromJson(unknown.ToJsonString())).Message);

        unknown["schedule"] = JsonNode.Parse("""{"name":"cosine","gamma":1}""");
        Assert.Contains("Unknown parameter(s) gamma for the 'cosine' schedule", Assert.Throws<JsonException>(() => PipelineConfiguration.FromJson(unknown.ToJsonString())).Message);

        unknown["schedule"] = JsonNode.Parse("""{"d":9}""");
        Assert.Contains("schedule.name is missing", Assert.Throws<JsonException>(() => PipelineConfiguration.FromJson(unknown.ToJsonString())).Message);

        JsonObject twice = (JsonObject)json.DeepClone();
        twice["spaceSigmaMin"] = 1.3;
        Assert.Contains(
            PipelineConfiguration.FromJson(twice.ToJsonString()).Problems(),
            p => p.StartsWith("spaceSigmaMin (1.3) is for a schedule without σ_min: the arctan schedule holds the space's σ_min as schedule.sigmaMin", StringComparison.Ordinal));

        JsonObject range = (JsonObject)json.DeepClone();
        range["schedule"]!["sigmaMin"] = 0;
        Assert.Contains("schedule.sigmaMin must be a positive finite number, got 0.", PipelineConfiguration.FromJson(range.ToJsonString()).Problems());
    }

    [Fact]
    public void TheTypedFormatIsWrittenAsVersion2AndVersion1IsReadMappedOntoIt()
    {
        JsonObject written = JsonNode.Parse(new PipelineConfiguration().ToJson())!.AsObject();
        Assert.Equal(2, written["formatVersion"]!.GetValue<int>());
        Assert.Equal(2, PipelineConfiguration.CurrentFormatVersion);
        Assert.Equal(2, PipelineConfiguration.FromJson(written.ToJsonString()).FormatVersion);

        PipelineConfiguration old = PipelineConfiguration.FromJson(Old(LatentSpaceNames.Distance, NoiseSchedules.Arctan, """{"d":7}""", sigmaMin: 1.2));
        Assert.Equal((2, new ArctanParameters { D = 7, SigmaMin = 1.2 }), (old.FormatVersion, old.ScheduleParameters));
        Assert.Empty(old.Problems());
        Assert.Contains("\"formatVersion\": 2", old.ToJson());

        // A version-1 file whose schedule is already typed (written before the version was raised) reads as it is.
        written["formatVersion"] = 1;
        Assert.Equal(new PipelineConfiguration().ToJson(), PipelineConfiguration.FromJson(written.ToJsonString()).ToJson());
    }

    [Fact]
    public void ANewerFormatVersionIsAClearError()
    {
        JsonObject json = JsonNode.Parse(new PipelineConfiguration().ToJson())!.AsObject();
        json["formatVersion"] = 3;
        var e = Assert.Throws<JsonException>(() => PipelineConfiguration.FromJson(json.ToJsonString()));
        Assert.Equal("formatVersion 3 was written by a newer Smoothie; this one reads formatVersion ≤ 2.", e.Message);
        Assert.Contains(
            "formatVersion 3 was written by a newer Smoothie; this one reads formatVersion ≤ 2.",
            (new PipelineConfiguration() with { FormatVersion = 3 }).Problems());

        string folder = Copy(ShippedModelTests.Folder, "newer");
        File.WriteAllText(Path.Combine(folder, PipelineFolder.ConfigurationFile), json.ToJsonString());
        Assert.Contains("formatVersion 3 was written by a newer Smoothie", Assert.Throws<InvalidDataException>(() => SmoothiePipeline.Load(folder, DeviceKind.Cpu)).Message);
    }

    [Fact]
    public void AVersion2FileMustBeOfTheTypedFormat()
    {
        string old = Old(LatentSpaceNames.Distance, NoiseSchedules.Arctan, """{"d":7}""");
        JsonObject json = JsonNode.Parse(old)!.AsObject();
        json["formatVersion"] = 2;
        Assert.Contains("'scheduleParameters' is a setting of the old format (a schedule name with a scheduleParameters map); with formatVersion 2,", Assert.Throws<JsonException>(() => PipelineConfiguration.FromJson(json.ToJsonString())).Message);

        json.Remove("scheduleParameters");
        Assert.Contains("schedule must be an object such as", Assert.Throws<JsonException>(() => PipelineConfiguration.FromJson(json.ToJsonString())).Message);

        json["formatVersion"] = "two";
        Assert.Contains("formatVersion must be an integer (1 or 2), got \"two\"", Assert.Throws<JsonException>(() => PipelineConfiguration.FromJson(json.ToJsonString())).Message);

        JsonObject typed = JsonNode.Parse(new PipelineConfiguration().ToJson())!.AsObject();
        typed["simplexK"] = 4;
        Assert.Contains("'simplexK' is a setting of the old format (a schedule name with a scheduleParameters map); with formatVersion 2,", Assert.Throws<JsonException>(() => PipelineConfiguration.FromJson(typed.ToJsonString())).Message);
    }

    /// <summary>A pipeline.json of the old format.</summary>
    private static string Old(string latent, string schedule, string parameters, double? sigmaMin = null, double? simplexK = null)
    {
        JsonObject json = JsonNode.Parse(new PipelineConfiguration().ToJson())!.AsObject();
        json["formatVersion"] = 1;
        json["latent"] = latent;
        json["schedule"] = schedule;
        json["scheduleParameters"] = JsonNode.Parse(parameters);
        if (sigmaMin is { } s)
        {
            json["sigmaMin"] = s;
        }

        if (simplexK is { } k)
        {
            json["simplexK"] = k;
        }

        return json.ToJsonString();
    }

    private string Copy(string from, string name)
    {
        string folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }
}
