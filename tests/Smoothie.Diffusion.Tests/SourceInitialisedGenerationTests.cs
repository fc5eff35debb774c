using Smoothie.Diffusion.Pipelines;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Tests;

/// <summary><see cref="GenerationOptions.Strength"/> below 1: generation starts from the source, mapped into the target vocabulary.</summary>
[Collection("torch-serial")]
public sealed class SourceInitialisedGenerationTests
{
    [Fact]
    public void SourcesAsTargetsKeepSubVocabularyTokensAndMapOthersToTheirNearestKeptToken()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        const string source = "And the LORD spake unto Moses, saying, Thou shalt hallow the firmament.";
        long[] original = pipeline.Codec.EncodeBatch([source], pipeline.Configuration.TargetLength).Row(0).ToArray();
        long[] mapped = pipeline.EncodeSourcesAsTargets([source])[0];

        Assert.Equal(original.Length, mapped.Length);
        Assert.Contains(original, id => !pipeline.SubVocabulary!.Contains((int)id)); // the test needs a word outside the targets
        using var scope = NewDisposeScope();
        Tensor kept = pipeline.FullEmbeddings.Weights.index_select(0, tensor(pipeline.SubVocabulary!.OriginalIds.Select(i => (long)i).ToArray()));
        for (int j = 0; j < original.Length; j++)
        {
            int id = (int)original[j];
            if (pipeline.SubVocabulary.Contains(id))
            {
                Assert.Equal(pipeline.SubVocabulary.ToSub(id), mapped[j]);
            }
            else
            {
                Tensor distances = (kept - pipeline.FullEmbeddings.Weights[id]).square().sum(1);
                Assert.Equal(distances.argmin().item<long>(), mapped[j]);
            }
        }
    }

    [Fact]
    public async Task StrengthBelowOneGeneratesReproduciblyInBatchesAndStreamed()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        string[] sources = ["In the beginning God created the heaven and the earth.", "Jesus wept."];
        var options = new GenerationOptions { Strength = 0.3, Seed = 4, BatchSize = 1 };

        IReadOnlyList<string> first = pipeline.Generate(sources, options);
        Assert.Equal(2, first.Count);
        Assert.Equal(first, pipeline.Generate(sources, options));

        var updates = new List<GenerationUpdate>();
        await foreach (GenerationUpdate update in pipeline.GenerateAsync(sources[1], options with { Seed = 5 }))
        {
            updates.Add(update);
        }

        Assert.Equal(0.3, updates[0].Time, 12);
        Assert.Equal(pipeline.Generate([sources[1]], options with { Seed = 5 })[0], updates[^1].Text);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void StrengthOutsideZeroToOneIsRejected(double strength)
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        var error = Assert.Throws<ArgumentException>(() => pipeline.Generate(["Jesus wept."], new GenerationOptions { Strength = strength }));
        Assert.Contains("Strength", error.Message, StringComparison.Ordinal);
    }
}
