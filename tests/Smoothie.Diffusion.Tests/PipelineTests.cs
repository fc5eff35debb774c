using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Training.Trainer;

namespace Smoothie.Diffusion.Tests;

[Collection("torch-serial")]
public sealed class PipelineTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-pipeline").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData(LatentSpaceKind.Distance)]
    [InlineData(LatentSpaceKind.Embedding)]
    [InlineData(LatentSpaceKind.Simplex)]
    public void EveryLatentSpaceBuildsAndGeneratesOneTextPerSource(LatentSpaceKind latent)
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder(latent).Build();
        Assert.True(pipeline.SubVocabulary!.Count < 200, "the sub-vocabulary should be small");
        IReadOnlyList<string> outputs = pipeline.Generate(["In the beginning God created the heaven and the earth.", "Jesus wept."]);
        Assert.Equal(2, outputs.Count);
        Assert.All(outputs, o => Assert.DoesNotContain("[PAD]", o));
    }

    [Fact]
    public void SaveThenLoadGivesIdenticalGenerations()
    {
        string folder = Path.Combine(root, "p");
        string[] sources = ["And God said, Let there be light: and there was light."];
        IReadOnlyList<string> before;
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().Build())
        {
            before = pipeline.Generate(sources, new GenerationOptions { Seed = 9 });
            pipeline.Save(folder);
        }

        Assert.True(File.Exists(Path.Combine(folder, PipelineFolder.ConfigurationFile)));
        Assert.True(File.Exists(Path.Combine(folder, PipelineFolder.WeightsFile)));
        using SmoothiePipeline loaded = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        Assert.Equal(before, loaded.Generate(sources, new GenerationOptions { Seed = 9 }));
    }

    [Fact]
    public void TrainingWritesCheckpointsAndThePipelineAndResumes()
    {
        string output = Path.Combine(root, "run");
        var options = new TrainingOptions { BatchSize = 8, MaxSteps = 3, WarmupSteps = 1, EvaluateEvery = 0, CheckpointEvery = 0 };
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().Build())
        {
            TrainingRunResult first = pipeline.Train(TinyPipelines.Pairs, null, options, output);
            Assert.Equal(3, first.Steps);
        }

        Assert.True(File.Exists(Path.Combine(output, PipelineFolder.ConfigurationFile)));
        Assert.True(Directory.Exists(Path.Combine(output, PipelineTrainer.CheckpointsFolder)));
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().Build())
        {
            TrainingRunResult second = pipeline.Train(TinyPipelines.Pairs, null, options with { MaxSteps = 5 }, output);
            Assert.Equal(5, second.Steps);
            Assert.Equal(2, second.Losses.Count); // resumed at step 3
        }

        using SmoothiePipeline trained = SmoothiePipeline.Load(output, DeviceKind.Cpu);
        Assert.Equal("5", trained.Configuration.Notes["trainedSteps"]);
    }

    [Fact]
    public void InvalidCombinationsAreRejectedAtBuildWithWhatToChange()
    {
        var e = Assert.Throws<ArgumentException>(() => TinyPipelines.Builder(LatentSpaceKind.Embedding).UseArctanSchedule().Build());
        Assert.Contains("UseCosineSdSchedule()", e.Message);

        e = Assert.Throws<ArgumentException>(() => TinyPipelines.Builder().UseDistanceSpace(sigmaMin: 300).Build());
        Assert.Contains("schedule.sigmaMax must exceed sigmaMin (300), got 200", e.Message);

        e = Assert.Throws<ArgumentException>(() => TinyPipelines.Builder().UseModel("huge"));
        Assert.Contains("tiny, small, small-pretrained, paper", e.Message);

        e = Assert.Throws<ArgumentException>(() => TinyPipelines.Builder().UseMiniLmInitialization().Build());
        Assert.Contains("small-pretrained", e.Message);
    }

    [Fact]
    public void LoadingSomethingElseFailsClearly()
    {
        Assert.Throws<DirectoryNotFoundException>(() => SmoothiePipeline.Load(Path.Combine(root, "missing")));
        Directory.CreateDirectory(Path.Combine(root, "empty"));
        var e = Assert.Throws<InvalidDataException>(() => SmoothiePipeline.Load(Path.Combine(root, "empty")));
        Assert.Contains("pipeline.json is missing", e.Message);
        File.WriteAllText(Path.Combine(root, "empty", PipelineFolder.ConfigurationFile), "{ \"formatVersion\": 99 }");
        e = Assert.Throws<InvalidDataException>(() => SmoothiePipeline.Load(Path.Combine(root, "empty")));
        Assert.Contains("formatVersion 99 was written by a newer Smoothie; this one reads formatVersion ≤ 2.", e.Message);
    }

    [Fact]
    public async Task StreamingEndsWithTheFinalText()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        var options = new GenerationOptions { Steps = 4, Seed = 2 };
        var updates = new List<GenerationUpdate>();
        await foreach (GenerationUpdate update in pipeline.GenerateAsync("Jesus wept.", options))
        {
            updates.Add(update);
        }

        Assert.Equal([1, 2, 3, 4], updates.Select(u => u.Step));
        Assert.Equal(pipeline.Generate(["Jesus wept."], options)[0], updates[^1].Text);
    }
}
