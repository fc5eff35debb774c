using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Text.Layout;
using Smoothie.Training.Trainer;

namespace Smoothie.Diffusion.Tests;

[Collection("torch-serial")]
public sealed class SourceAlignedPipelineTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-aligned").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static SmoothieBuilder Aligned() => TinyPipelines.Builder()
        .UseModel(TinyPipelines.Model with { CopyHead = true })
        .UseSourceAlignedLayout()
        .UseLengths(16, 32);

    [Fact]
    public void TheTargetHasTwoSlotsPerSourcePositionAndAWrongLengthIsRejected()
    {
        using SmoothiePipeline pipeline = Aligned().Build();
        Assert.Equal(32, pipeline.Configuration.TargetLength);
        Assert.Equal(2, Assert.IsType<SourceAlignedLayout>(pipeline.Layout).SlotsPerSourceToken);
        Assert.Equal(2, pipeline.Configuration.Model.AlignedSlotsPerSourceToken);
        var broken = pipeline.Configuration with { TargetLength = 24 };
        Assert.Contains(broken.Problems(), p => p.Contains("targetLength must be 32", StringComparison.Ordinal));
    }

    [Fact]
    public void LongPairsAreSplitWithTheirTargetsAndNoTargetTokenIsLost()
    {
        using SmoothiePipeline pipeline = Aligned().Build();
        var pair = new Seq2SeqPair(
            "And God said, Let there be light: and there was light. And God saw the light, that it was good.",
            "God said, “Let there be light,” and there was light. God saw the light, and saw that it was good.");
        PairEncoding encoding = pipeline.EncodePairs([pair]);
        Assert.Equal(1, encoding.SplitPairs);
        Assert.True(encoding.Rows >= 2, encoding.Summary);
        Assert.Equal(0, encoding.DroppedRows);
        Assert.All(encoding.Sources, row => Assert.Equal(16, row.Length));
        Assert.All(encoding.Targets, row => Assert.Equal(32, row.Length));
        int unknown = pipeline.Codec.UnknownId!.Value;
        int[] expected = pipeline.Codec.Tokenize(pair.Target)
            .Select(id => pipeline.SubVocabulary!.Contains(id) ? id : unknown)
            .Where(id => !pipeline.Codec.IsSpecial(id))
            .ToArray();
        Assert.Equal(expected, encoding.Targets.SelectMany(pipeline.TargetContent));
    }

    [Fact]
    public void ALongInputIsRewrittenWholeAsTheRewritesOfItsPieces()
    {
        using SmoothiePipeline pipeline = Aligned().Build();
        string[] sentences = ["And God said, Let there be light.", "And there was light upon the earth.", "And God saw the light, that it was good."];
        Assert.All(sentences, s => Assert.InRange(pipeline.Codec.Tokenize(s).Count, 4, pipeline.MaxSourceContent));
        var options = new GenerationOptions { Seed = 5, RemoveRepeatedWords = false };
        string whole = pipeline.Generate([string.Join(' ', sentences)], options)[0];
        IReadOnlyList<string> pieces = pipeline.Generate(sentences, options);
        // The same rows are sampled with the same noise; only word joins at the piece boundaries may differ.
        Assert.Equal(Letters(string.Join(' ', pieces)), Letters(whole));
        Assert.True(Letters(whole).Length > Letters(pieces[0]).Length + Letters(pieces[1]).Length);
    }

    [Fact]
    public void AnEmptyInputGivesAnEmptyOutputInBatchAndStreaming()
    {
        using SmoothiePipeline pipeline = Aligned().Build();
        IReadOnlyList<string> outputs = pipeline.Generate(["", "Jesus wept.", "   "]);
        Assert.Equal(string.Empty, outputs[0]);
        Assert.Equal(string.Empty, outputs[2]);
        var updates = pipeline.GenerateAsync(string.Empty).ToBlockingEnumerable().ToList();
        Assert.Equal(string.Empty, Assert.Single(updates).Text);
    }

    [Fact]
    public void AnAlignedPipelineTrainsSavesItsCasingAndLoads()
    {
        string output = Path.Combine(root, "run");
        using (SmoothiePipeline pipeline = Aligned().Build())
        {
            pipeline.Train(TinyPipelines.Pairs, null, new TrainingOptions { BatchSize = 4, MaxSteps = 2, WarmupSteps = 1, EvaluateEvery = 0, CheckpointEvery = 0 }, output);
            Assert.NotNull(pipeline.Casing);
        }

        Assert.True(File.Exists(Path.Combine(output, PipelineFolder.CasingFile)));
        using SmoothiePipeline loaded = SmoothiePipeline.Load(output, DeviceKind.Cpu);
        Assert.NotNull(loaded.Casing);
        Assert.Equal(32, loaded.Configuration.TargetLength);
        Assert.Single(loaded.Generate(["Jesus wept."]));
    }

    [Fact]
    public void SamplingDefaultsAreSavedWithThePipelineAndGenerationOptionsOverrideThem()
    {
        string folder = Path.Combine(root, "defaults");
        string[] sources = ["And God said, Let there be light: and there was light.", "Jesus wept."];
        using (SmoothiePipeline pipeline = Aligned().UseSampling(steps: 3, clamp: true, delta: 0.5).Build())
        {
            var seed = new GenerationOptions { Seed = 4 };
            IReadOnlyList<string> byDefault = pipeline.Generate(sources, seed);
            Assert.Equal(byDefault, pipeline.Generate(sources, seed with { ClampToNearestToken = true, Delta = 0.5, Steps = 3 }));
            Assert.Equal((3, true, 0.5), (pipeline.EffectiveSampling(seed).Sampling.Steps, pipeline.EffectiveSampling(seed).Sampling.ClampToNearestToken, pipeline.EffectiveSampling(seed).Delta));
            var overridden = pipeline.EffectiveSampling(seed with { ClampToNearestToken = false, Delta = 1.0, Steps = 7 });
            Assert.Equal((7, false, 1.0), (overridden.Sampling.Steps, overridden.Sampling.ClampToNearestToken, overridden.Delta));
            pipeline.Save(folder);
        }

        using SmoothiePipeline loaded = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        Assert.True(loaded.Configuration.ClampToNearestToken);
        Assert.Equal(0.5, loaded.Configuration.SamplingDelta);
        Assert.Contains((loaded.Configuration with { SamplingDelta = 0 }).Problems(), p => p.Contains("samplingDelta", StringComparison.Ordinal));
    }

    private static string Letters(string text) => new(text.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
}
