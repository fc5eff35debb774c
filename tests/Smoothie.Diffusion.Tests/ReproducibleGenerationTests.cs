using Microsoft.Extensions.DependencyInjection;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.Tests;

/// <summary>
/// The same input and seed give the same text alone, at any position of a batch, in any batch size, streamed, and under
/// concurrent requests to the dependency-injection generator (each row samples from its own noise stream). The tiny
/// pipelines use the simplex space, whose untrained outputs are long and change with the noise (the untrained distance
/// pipeline writes empty texts); the shipped model covers the distance space and its fused re-noise step.
/// </summary>
[Collection("torch-serial")]
public sealed class ReproducibleGenerationTests
{
    private static readonly string[] Sources = TinyPipelines.Pairs.Take(8).Select(p => p.Source).ToArray();

    [Fact]
    public void TheShippedModelGivesAVerseTheSameTextAloneAndAtPositionsZeroAndFiveOfABatchOfEight()
    {
        // The verse of issue 29, whose text changed with the verse before it when one stream drew the whole batch.
        string[] verses = ["And unto Adam he said, Because thou hast hearkened unto the voice of thy wife.", .. BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web").Take(7).Select(p => p.Source)];
        using SmoothiePipeline pipeline = SmoothiePipeline.Load(ShippedModelTests.Folder, DeviceKind.Cpu);
        var options = new GenerationOptions { Seed = 1 };
        string alone = pipeline.Generate([verses[0]], options)[0];
        Assert.Equal(alone, pipeline.Generate(verses, options)[0]);
        Assert.Equal(alone, pipeline.Generate([.. verses[1..6], verses[0], .. verses[6..]], options)[5]);
    }

    [Fact]
    public void GenerateWithSameSeedGivesSameTextAloneAndAtPositionsZeroAndFiveOfABatchOfEight()
    {
        using SmoothiePipeline pipeline = Tiny();
        var options = new GenerationOptions { Seed = 4, Guard = null };
        string mine = Sources[3];
        string alone = pipeline.Generate([mine], options)[0];
        string[] others = Sources.Where(s => s != mine).ToArray();
        Assert.Equal(alone, pipeline.Generate([mine, .. others], options)[0]);
        Assert.Equal(alone, pipeline.Generate([.. others[..5], mine, .. others[5..]], options)[5]);
    }

    [Fact]
    public void GenerateGivesTheSameTextsWithBatchSizesOneAndEight()
    {
        using SmoothiePipeline pipeline = Tiny();
        IReadOnlyList<string> byOne = pipeline.Generate(Sources, new GenerationOptions { Seed = 2, BatchSize = 1, Guard = null });
        IReadOnlyList<string> byEight = pipeline.Generate(Sources, new GenerationOptions { Seed = 2, BatchSize = 8, Guard = null });
        Assert.Equal(byOne, byEight);
    }

    [Fact]
    public async Task GenerateAsyncEndsWithTheTextGenerateGivesInABatch()
    {
        using SmoothiePipeline pipeline = Tiny();
        var options = new GenerationOptions { Seed = 6, Guard = null };
        IReadOnlyList<string> batch = pipeline.Generate(Sources, options);
        GenerationUpdate? last = null;
        await foreach (GenerationUpdate update in pipeline.GenerateAsync(Sources[6], options, every: 2))
        {
            last = update;
        }

        Assert.Equal(batch[6], last!.Text);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentTexts()
    {
        using SmoothiePipeline pipeline = Tiny();
        IReadOnlyList<string> one = pipeline.Generate(Sources, new GenerationOptions { Seed = 1, Guard = null });
        IReadOnlyList<string> two = pipeline.Generate(Sources, new GenerationOptions { Seed = 2, Guard = null });
        Assert.All(one, text => Assert.NotEmpty(text));
        Assert.True(one.Distinct().Count() > 1, "the tiny pipeline writes the same text for every source: the tests above would not see the noise");
        Assert.NotEqual(one, two);
    }

    [Fact]
    public async Task EightConcurrentRequestsEachGetTheTextTheirSourceGetsAlone()
    {
        SmoothiePipeline pipeline = Tiny();
        var alone = new GenerationOptions { Steps = 3, Solver = "renoise", Seed = 5 };
        string[] expected = Sources.Select(s => pipeline.Generate([s], alone)[0]).ToArray();
        Assert.True(expected.Distinct().Count() > 1, string.Join(" | ", expected));

        var services = new ServiceCollection();
        services.AddSmoothie(o =>
        {
            o.Steps = 3;
            o.Solver = "renoise";
            o.Seed = 5;
            o.MaxBatchSize = 4;
            // Wide enough that the requests, started together, meet in the queue and share model calls.
            o.BatchWindow = TimeSpan.FromMilliseconds(300);
        }).UsePipeline(_ => pipeline);
        await using ServiceProvider provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<ISmoothieGenerator>();

        // Twice, in two orders: each request's text is its own, whoever it shares a model call with.
        foreach (string[] order in new[] { Sources, Sources.Reverse().ToArray() })
        {
            string[] outputs = await Task.WhenAll(order.Select(s => Task.Run(() => generator.GenerateAsync(s))));
            for (int i = 0; i < order.Length; i++)
            {
                Assert.Equal(expected[Array.IndexOf(Sources, order[i])], outputs[i]);
            }
        }

        // Requests did share model calls (else this would test nothing the library test does not).
        Assert.InRange(Assert.IsType<BatchingSmoothieGenerator>(generator).LargestBatch, 2, 4);
    }

    private static SmoothiePipeline Tiny() => TinyPipelines.Builder(LatentSpaceKind.Simplex).Build();
}
