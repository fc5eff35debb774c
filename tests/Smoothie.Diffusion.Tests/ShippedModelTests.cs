using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.Tests;

/// <summary>The trained model shipped in <c>models/kjv-web-tiny</c> loads, validates and generates at once.</summary>
[Collection("torch-serial")]
public sealed class ShippedModelTests
{
    private const long MaxShippedBytes = 25L * 1024 * 1024;

    public static string Folder
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Smoothie.Diffusion.sln")))
                {
                    return Path.Combine(dir.FullName, "models", "kjv-web-tiny");
                }
            }

            throw new DirectoryNotFoundException("The repository root (Smoothie.Diffusion.sln) was not found above the test's output folder.");
        }
    }

    /// <summary>
    /// The shipped model's pipeline.json as the first format (formatVersion 1) wrote it: the schedule's name, its
    /// parameters without σ_min in <c>scheduleParameters</c>, σ_min at the top (the model shipped before issue 27 had such a file).
    /// </summary>
    public static System.Text.Json.Nodes.JsonObject ConfigurationInFirstFormat()
    {
        var shipped = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, PipelineFolder.ConfigurationFile)))!.AsObject();
        var schedule = shipped["schedule"]!.AsObject();
        var v1 = (System.Text.Json.Nodes.JsonObject)shipped.DeepClone();
        v1["formatVersion"] = 1;
        v1["schedule"] = "arctan";
        v1["sigmaMin"] = schedule["sigmaMin"]!.GetValue<double>();
        v1["scheduleParameters"] = new System.Text.Json.Nodes.JsonObject { ["d"] = schedule["d"]!.GetValue<double>(), ["delta"] = schedule["delta"]!.GetValue<double>(), ["sigmaMax"] = schedule["sigmaMax"]!.GetValue<double>() };
        return v1;
    }

    [Fact]
    public void IsSmallAndWasTrainedByTheTrainCommand()
    {
        long bytes = Directory.GetFiles(Folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.InRange(bytes, 1, MaxShippedBytes);
        Assert.False(Directory.Exists(Path.Combine(Folder, PipelineTrainer.CheckpointsFolder)), "ship the pipeline folder, not the checkpoints");

        using SmoothiePipeline pipeline = SmoothiePipeline.Load(Folder, DeviceKind.Cpu);
        Assert.True(long.Parse(pipeline.Configuration.Notes["trainedSteps"], System.Globalization.CultureInfo.InvariantCulture) >= 500);
        Assert.Equal(Configuration.SourceDraftKind.WordLookupInContext, pipeline.Configuration.SourceDraft);
        var tiny = Smoothie.Models.Configuration.ModelPreset.Tiny;
        Assert.Equal((tiny.HiddenSize, tiny.DenoiserLayers, tiny.ConditionEncoderLayers), (pipeline.Configuration.Model.HiddenSize, pipeline.Configuration.Model.DenoiserLayers, pipeline.Configuration.Model.ConditionEncoderLayers));
    }

    [Fact]
    public void RewritesValidationVersesBetterThanCopyingAndModernisesThem()
    {
        using SmoothiePipeline pipeline = SmoothiePipeline.Load(Folder, DeviceKind.Cpu);
        var valid = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Take(48).ToList();
        EvaluationReport report = pipeline.Evaluate(valid);
        Assert.True(report.Bleu > report.CopyBleu + 2, $"BLEU {report.Bleu:F1} should beat copying the source ({report.CopyBleu:F1}) by more than 2");
        Assert.True(report.ArchaicRewritten >= 90, $"archaic words rewritten {report.ArchaicRewritten:F1} % should be ≥ 90 %");
        Assert.All(report.Hypotheses, h => Assert.True(h.Length > 0 && char.IsUpper(h[0]), $"'{h}' should start with a capital"));
    }

    [Fact]
    public void GeneratesForHeldOutVersesWithoutTraining()
    {
        using SmoothiePipeline pipeline = SmoothiePipeline.Load(Folder, DeviceKind.Cpu);
        var test = BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web").Take(4).ToList();
        IReadOnlyList<string> outputs = pipeline.Generate(test.Select(p => p.Source).ToList(), new GenerationOptions { Steps = 10, Seed = 1 });
        Assert.Equal(test.Count, outputs.Count);
        Assert.All(outputs, o => Assert.False(string.IsNullOrWhiteSpace(o)));
    }
}
