using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Evaluation;
using Smoothie.Text.Baselines;
using Smoothie.Text.Realization;
using Smoothie.Training.Trainer;

namespace Smoothie.Diffusion.Tests;

/// <summary>The training targets' words and the learned lookup in a pipeline folder (issue 27).</summary>
[Collection("torch-serial")]
public sealed class PipelineLearnedWordsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-learned-words").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static (TargetWordList Words, WordLookupBaseline Lookup) Learned() => (
        TargetWordList.FromTexts(TinyPipelines.Pairs.Select(p => p.Target)),
        WordLookupBaseline.Learn(TinyPipelines.Pairs.Select(p => p.Source).ToList(), TinyPipelines.Pairs.Select(p => p.Target).ToList()));

    [Fact]
    public void TargetWordsAndLookupSurviveSaveAndLoad()
    {
        string folder = Path.Combine(root, "p");
        (TargetWordList words, WordLookupBaseline lookup) = Learned();
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().Build())
        {
            pipeline.TargetWords = words;
            pipeline.Lookup = lookup;
            pipeline.Save(folder);
        }

        Assert.True(File.Exists(Path.Combine(folder, PipelineFolder.TargetWordsFile)));
        Assert.True(File.Exists(Path.Combine(folder, PipelineFolder.LookupFile)));
        using SmoothiePipeline loaded = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        Assert.True(words.SetEquals(loaded.TargetWords!));
        Assert.Equal(lookup.ToText(), loaded.Lookup!.ToText());
        Assert.True(loaded.Lookup.HasCounts);
        Assert.Same(loaded.TargetWords, ((WordPieceIdRealizer)loaded.Realizer).TargetWords);
    }

    [Fact]
    public void TrainingLearnsAndSavesThem()
    {
        string output = Path.Combine(root, "run");
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().Build())
        {
            pipeline.Train(TinyPipelines.Pairs, null, new TrainingOptions { BatchSize = 8, MaxSteps = 1, WarmupSteps = 1, EvaluateEvery = 0, CheckpointEvery = 0 }, output);
        }

        using SmoothiePipeline loaded = SmoothiePipeline.Load(output, DeviceKind.Cpu);
        (TargetWordList words, WordLookupBaseline lookup) = Learned();
        Assert.True(words.SetEquals(loaded.TargetWords!));
        Assert.Equal(lookup.ToText(), loaded.Lookup!.ToText());
    }

    [Fact]
    public void AFolderWithoutThemLoadsAndGeneratesWithoutAGuard()
    {
        string folder = Path.Combine(root, "old");
        string[] sources = ["And God said, Let there be light: and there was light."];
        IReadOnlyList<string> before;
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().Build())
        {
            before = pipeline.Generate(sources, new GenerationOptions { Seed = 9, Guard = null });
            pipeline.Save(folder);
        }

        Assert.False(File.Exists(Path.Combine(folder, PipelineFolder.TargetWordsFile)));
        Assert.False(File.Exists(Path.Combine(folder, PipelineFolder.LookupFile)));
        using SmoothiePipeline loaded = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        Assert.Null(loaded.TargetWords);
        Assert.Null(loaded.Lookup);
        Assert.Equal(before, loaded.Generate(sources, new GenerationOptions { Seed = 9 }));
    }

    [Fact]
    public void SavingWithoutThemRemovesStaleFiles()
    {
        string folder = Path.Combine(root, "stale");
        (TargetWordList words, WordLookupBaseline lookup) = Learned();
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        pipeline.TargetWords = words;
        pipeline.Lookup = lookup;
        pipeline.Save(folder);
        pipeline.TargetWords = null;
        pipeline.Lookup = null;
        pipeline.Save(folder);
        Assert.False(File.Exists(Path.Combine(folder, PipelineFolder.TargetWordsFile)));
        Assert.False(File.Exists(Path.Combine(folder, PipelineFolder.LookupFile)));
    }

    [Fact]
    public void AnInvalidLookupFileIsNamed()
    {
        string folder = Path.Combine(root, "bad");
        using (SmoothiePipeline pipeline = TinyPipelines.Builder().Build())
        {
            pipeline.Save(folder);
        }

        File.WriteAllText(Path.Combine(folder, PipelineFolder.LookupFile), "not a lookup\n");
        var error = Assert.Throws<InvalidDataException>(() => SmoothiePipeline.Load(folder, DeviceKind.Cpu));
        Assert.Contains(PipelineFolder.LookupFile, error.Message);
    }

    [Fact]
    public void TheGuardRepairsGeneratedTextWhenTheFolderHasALookup()
    {
        (TargetWordList words, WordLookupBaseline lookup) = Learned();
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        pipeline.TargetWords = words;
        string[] sources = TinyPipelines.Pairs.Take(4).Select(p => p.Source).ToArray();
        IReadOnlyList<string> off = pipeline.Generate(sources, new GenerationOptions { Seed = 9, Guard = null });
        Assert.Equal(off, pipeline.Generate(sources, new GenerationOptions { Seed = 9 }));
        pipeline.Lookup = lookup;
        var guard = new LookupGuard(lookup, words, LookupGuardOptions.Default);
        Assert.Equal(off.Select((o, i) => guard.Apply(o, sources[i])), pipeline.Generate(sources, new GenerationOptions { Seed = 9 }));
    }
}
