using Microsoft.Extensions.DependencyInjection;
using Smoothie.Diffusion.DependencyInjection;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.Tests;

/// <summary>Input the model cannot represent is reported: [UNK] tokens and tokens outside the sub-vocabulary, per input.</summary>
[Collection("torch-serial")]
public sealed class InputCoverageTests
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
