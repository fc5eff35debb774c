using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Text.Layout;
using Smoothie.Text.Realization;

namespace Smoothie.Diffusion.Tests;

/// <summary>The pipeline's typed parts: the target layout it holds (free or source-aligned), its realizer, and a save/load with each layout.</summary>
[Collection("torch-serial")]
public sealed class PipelineLayoutTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-layouts").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    public static TheoryData<bool> Aligned => [false, true];

    private static SmoothieBuilder Builder(bool aligned) => aligned
        ? TinyPipelines.Builder().UseModel(TinyPipelines.Model with { CopyHead = true }).UseSourceAlignedLayout().UseLengths(16, 32)
        : TinyPipelines.Builder();

    [Fact]
    public void APipelineWithoutAlignedSlotsHoldsThePapersFreeLayoutOfTheTargetLength()
    {
        using SmoothiePipeline pipeline = Builder(aligned: false).Build();
        var layout = Assert.IsType<FreeLayout>(pipeline.Layout);
        Assert.Equal(pipeline.Configuration.TargetLength, layout.Length);
        Assert.Equal(pipeline.Configuration.TargetLength, layout.TargetLength(pipeline.Configuration.SourceLength));
        Assert.Equal((pipeline.Codec.StartId, pipeline.Codec.EndId, pipeline.Codec.PadId), (layout.StartId, layout.EndId, layout.PadId));
    }

    [Theory]
    [MemberData(nameof(Aligned))]
    public void TheLayoutIsRebuiltFromTheSavedConfigurationWhichDoesNotChange(bool aligned)
    {
        string folder = Path.Combine(root, aligned ? "aligned" : "free");
        string again = Path.Combine(root, aligned ? "aligned-again" : "free-again");
        string[] sources = ["Jesus wept.", "And God said, Let there be light: and there was light."];
        var options = new GenerationOptions { Seed = 2 };
        IReadOnlyList<string> before;
        Type layoutType;
        using (SmoothiePipeline pipeline = Builder(aligned).Build())
        {
            layoutType = pipeline.Layout.GetType();
            Assert.Equal(aligned ? typeof(SourceAlignedLayout) : typeof(FreeLayout), layoutType);
            before = pipeline.Generate(sources, options);
            pipeline.Save(folder);
        }

        string json = File.ReadAllText(Path.Combine(folder, PipelineFolder.ConfigurationFile));
        Assert.DoesNotContain("\"layout\"", json, StringComparison.OrdinalIgnoreCase);
        using SmoothiePipeline loaded = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
        Assert.IsType(layoutType, loaded.Layout);
        Assert.Equal(loaded.Configuration.TargetLength, loaded.Layout.TargetLength(loaded.Configuration.SourceLength));
        Assert.Equal(before, loaded.Generate(sources, options));
        loaded.Save(again);
        Assert.Equal(json, File.ReadAllText(Path.Combine(again, PipelineFolder.ConfigurationFile)));
    }

    [Theory]
    [MemberData(nameof(Aligned))]
    public void TrainingTargetsReadBackThroughTheLayoutGiveTheTargetTokens(bool aligned)
    {
        using SmoothiePipeline pipeline = Builder(aligned).Build();
        Seq2SeqPair pair = TinyPipelines.Pairs.First(p => pipeline.Codec.Tokenize(p.Source).Count <= 10 && pipeline.Codec.Tokenize(p.Target).Count <= 10);
        PairEncoding encoding = pipeline.EncodePairs([pair]);
        Assert.Equal(1, encoding.Rows);
        Assert.All(encoding.Targets, row => Assert.Equal(pipeline.Layout.TargetLength(pipeline.Configuration.SourceLength), row.Length));
        int[] expected = pipeline.Codec.Tokenize(pair.Target).ToArray();
        Assert.Equal(expected, encoding.Targets.SelectMany(pipeline.TargetContent));
    }

    [Fact]
    public void TheRealizerFollowsTheCodecAndTheCasing()
    {
        using SmoothiePipeline pipeline = Builder(aligned: false).Build();
        Assert.Null(pipeline.Casing);
        var plain = Assert.IsType<WordPieceIdRealizer>(pipeline.Realizer);
        Assert.Null(plain.Casing);
        CasingTable casing = CasingTable.Learn(["God is love."]);
        pipeline.Casing = casing;
        Assert.Same(casing, Assert.IsType<WordPieceIdRealizer>(pipeline.Realizer).Casing);
        int[] content = pipeline.Codec.Tokenize("god is love .").ToArray();
        Assert.Equal("God is love.", pipeline.Realizer.Realize(content, source: null));
    }
}
