using Microsoft.Extensions.DependencyInjection;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Diffusion.Pipelines;
using Xunit.Abstractions;

namespace Smoothie.Diffusion.Tests;

/// <summary>Input the model cannot represent is reported: [UNK] tokens and tokens outside the sub-vocabulary, per input.</summary>
[Collection("torch-serial")]
public sealed class InputCoverageTests(ITestOutputHelper output)
{
    // MiniLM's uncased WordPiece vocabulary has no token for 你 or 好: "jesus wept . [UNK] [UNK]".
    private const string HalfChinese = "Jesus wept. 你好";

    [Fact]
    public void CountsUnknownTokensAndTokensOutsideTheSubVocabulary()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();

        InputCoverage mixed = pipeline.Coverage(HalfChinese);
        Assert.Equal(5, mixed.Tokens);
        Assert.Equal(2, mixed.UnknownTokens);
        Assert.Equal(0.4, mixed.UnknownTokenShare, precision: 10);

        // A training target is written entirely with the sub-vocabulary.
        InputCoverage target = pipeline.Coverage(TinyPipelines.Pairs[0].Target);
        Assert.True(target.Tokens > 0);
        Assert.Equal((0, 0), (target.UnknownTokens, target.OutsideVocabularyTokens));
        Assert.Equal(0, target.UnknownTokenShare);

        // Cyrillic letters are known to the tokenizer but the (English) sub-vocabulary cannot write them.
        InputCoverage russian = pipeline.Coverage("Привет мир");
        Assert.Equal(0, russian.UnknownTokens);
        Assert.Equal(russian.Tokens, russian.OutsideVocabularyTokens);
        Assert.Equal(1, russian.OutsideVocabularyShare);

        InputCoverage empty = pipeline.Coverage("   ");
        Assert.Equal((0, 0, 0, 0.0), (empty.Tokens, empty.UnknownTokens, empty.OutsideVocabularyTokens, empty.UnknownTokenShare));
    }

    [Fact]
    public void GenerateWithCoverageReturnsTheTextsOfGenerateAndEachInputsShare()
    {
        using SmoothiePipeline pipeline = TinyPipelines.Builder().Build();
        string[] sources = [TinyPipelines.Pairs[0].Source, HalfChinese, string.Empty];
        var options = new GenerationOptions { Steps = 2, Seed = 4 };

        IReadOnlyList<string> texts = pipeline.Generate(sources, options);
        IReadOnlyList<GenerationResult> results = pipeline.GenerateWithCoverage(sources, options);

        Assert.Equal(texts, results.Select(r => r.Text));
        Assert.Equal(0, results[0].UnknownTokenShare);
        Assert.Equal(0.4, results[1].UnknownTokenShare, precision: 10);
        Assert.Equal(new InputCoverage(0, 0, 0), results[2].Input);
    }

    [Fact]
    public void NoValidationVerseOfTheShippedModelIsWarnedAbout()
    {
        // The CLI warns above 20 % [UNK] or 50 % outside the sub-vocabulary (InputCoverageWarnings); in-domain input must not trigger it.
        using SmoothiePipeline pipeline = SmoothiePipeline.Load(ShippedModelTests.Folder, DeviceKind.Cpu);
        InputCoverage[] verses = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Select(p => pipeline.Coverage(p.Source)).ToArray();
        double[] outside = verses.Select(c => c.OutsideVocabularyShare).Order().ToArray();
        output.WriteLine(
            $"{verses.Length} validation verses: [UNK] tokens {verses.Sum(c => c.UnknownTokens)}; outside the sub-vocabulary: "
            + $"mean {outside.Average():P1}, median {outside[outside.Length / 2]:P1}, p99 {outside[(int)(0.99 * outside.Length)]:P1}, max {outside[^1]:P1}");
        Assert.Equal(1000, verses.Length);
        Assert.All(verses, c => Assert.Equal(0, c.UnknownTokens));
        Assert.True(outside[^1] < 0.5, $"the largest share outside the sub-vocabulary is {outside[^1]:P1}");
    }

    [Fact]
    public async Task TheDependencyInjectionGeneratorReportsTheShare()
    {
        var services = new ServiceCollection();
        services.AddSmoothie(o => o.Steps = 2).UsePipeline(_ => TinyPipelines.Builder().Build());
        await using ServiceProvider provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<ISmoothieGenerator>();

        GenerationResult result = await generator.GenerateWithCoverageAsync(HalfChinese);

        Assert.Equal(new InputCoverage(5, 2, result.Input.OutsideVocabularyTokens), result.Input);
        Assert.Equal(0.4, result.UnknownTokenShare, precision: 10);
        Assert.Equal(await generator.GenerateAsync(HalfChinese), result.Text);
    }
}
