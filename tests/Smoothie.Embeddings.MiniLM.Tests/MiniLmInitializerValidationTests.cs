using Smoothie.Embeddings;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Embeddings.MiniLM.Tests;

public sealed class MiniLmInitializerValidationTests
{
    [Fact]
    public void Hidden256IsRejectedNamingEveryFieldThatMustChange()
    {
        DenoiserConfig narrow = MiniLmTestModels.Compact with { HiddenSize = 256, AttentionHeads = 8, IntermediateSize = 1024 };
        using SmoothieDenoiser model = MiniLmTestModels.Build(narrow);

        foreach (Action initialize in new Action[]
        {
            () => MiniLmInitializer.InitializeConditionEncoder(model, weights: MiniLmTestModels.Weights),
            () => MiniLmInitializer.InitializeDenoiserBlocks(model, MiniLmTestModels.Weights),
        })
        {
            var error = Assert.Throws<ArgumentException>(initialize);
            Assert.Equal("model", error.ParamName);
            Assert.Contains("HiddenSize must be 384 (got 256)", error.Message, StringComparison.Ordinal);
            Assert.Contains("AttentionHeads must be 12 (got 8)", error.Message, StringComparison.Ordinal);
            Assert.Contains("IntermediateSize must be 1536 (got 1024)", error.Message, StringComparison.Ordinal);
            Assert.Contains("SmallPretrained", error.Message, StringComparison.Ordinal);
        }
    }

    public static TheoryData<DenoiserConfig, string> BadConditionEncoders() => new()
    {
        { MiniLmTestModels.Compact with { MaxSourceLength = 600 }, "MaxSourceLength must be at most 512 (got 600)" },
        { MiniLmTestModels.Compact with { EmbeddingSize = 256 }, "EmbeddingSize must be 384 (got 256)" },
        { MiniLmTestModels.Compact with { Conditioning = ConditioningMode.None }, "Conditioning must not be None" },
        { MiniLmTestModels.Compact with { ConditionEncoderLayers = 7 }, "between 1 and 6" },
    };

    [Theory]
    [MemberData(nameof(BadConditionEncoders))]
    public void ConditionEncoderShapesMiniLmCannotFillAreRejected(DenoiserConfig config, string expected)
    {
        using SmoothieDenoiser model = MiniLmTestModels.Build(config);
        var error = Assert.ThrowsAny<ArgumentException>(() => MiniLmInitializer.InitializeConditionEncoder(model, weights: MiniLmTestModels.Weights));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void LayerCountOutsideOneToSixIsRejected(int layers)
    {
        using SmoothieDenoiser model = MiniLmTestModels.Build(MiniLmTestModels.Compact);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MiniLmInitializer.InitializeConditionEncoder(model, layers, weights: MiniLmTestModels.Weights));
        Assert.Equal("layers", error.ParamName);
    }

    [Fact]
    public void MoreLayersThanConditionBlocksIsRejected()
    {
        using SmoothieDenoiser model = MiniLmTestModels.Build(MiniLmTestModels.Compact); // 3 condition blocks
        var error = Assert.Throws<ArgumentException>(() => MiniLmInitializer.InitializeConditionEncoder(model, 4, weights: MiniLmTestModels.Weights));
        Assert.Contains("ConditionEncoderLayers must be at least 4 to take 4 MiniLM layers (got 3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalisedEWithoutDeNormalisationIsRejectedAndNothingIsCopied()
    {
        using var scope = NewDisposeScope();
        using var matrix = EmbeddingMatrix.FromTokenEmbeddings(MiniLmEmbeddings.Load());
        Assert.Equal(EmbeddingNormalization.Total, matrix.Normalization);
        using SmoothieDenoiser model = MiniLmTestModels.Build(MiniLmTestModels.Compact);
        Tensor before = MiniLmTestModels.Parameters(model)["condition_encoder.blocks.0.attention.self.query.weight"].clone();

        var error = Assert.Throws<ArgumentException>(() => MiniLmInitializer.InitializeConditionEncoder(
            model, sourceEmbeddings: matrix, weights: MiniLmTestModels.Weights));

        Assert.Equal("sourceEmbeddings", error.ParamName);
        Assert.Contains("WithSourceDenormalization", error.Message, StringComparison.Ordinal);
        Assert.True(MiniLmTestModels.Parameters(model)["condition_encoder.blocks.0.attention.self.query.weight"].BitEqual(before));

        // The configuration helper gives exactly the statistics of E, and then the same call succeeds.
        DenoiserConfig fitted = MiniLmInitializer.WithSourceDenormalization(MiniLmTestModels.Compact, matrix);
        Assert.Equal(matrix.NormalizationStd[0], fitted.SourceEmbeddingScale);
        Assert.Equal(matrix.NormalizationMean[0], fitted.SourceEmbeddingShift);
        using SmoothieDenoiser fittedModel = MiniLmTestModels.Build(fitted);
        MiniLmInitializer.InitializeConditionEncoder(fittedModel, sourceEmbeddings: matrix, weights: MiniLmTestModels.Weights);
    }

    [Fact]
    public void PerFeatureNormalisationAndForeignEmbeddingsAreRejected()
    {
        using var perFeature = EmbeddingMatrix.FromTokenEmbeddings(
            MiniLmEmbeddings.Load(), new EmbeddingMatrixOptions { Normalization = EmbeddingNormalization.PerFeature });
        var error = Assert.Throws<ArgumentException>(() => MiniLmInitializer.WithSourceDenormalization(MiniLmTestModels.Compact, perFeature));
        Assert.Equal("embeddings", error.ParamName);
        Assert.Contains("Total", error.Message, StringComparison.Ordinal);

        var random = new Random(3);
        float[] values = Enumerable.Range(0, 5 * 384).Select(_ => (float)random.NextDouble()).ToArray();
        using var foreign = EmbeddingMatrix.FromTokenEmbeddings(
            new TokenEmbeddings(["a", "b", "c", "d", "e"], values, 384, "glove:test"), new EmbeddingMatrixOptions { Normalization = EmbeddingNormalization.None });
        using SmoothieDenoiser model = MiniLmTestModels.Build(MiniLmTestModels.Compact);
        var foreignError = Assert.Throws<ArgumentException>(() => MiniLmInitializer.InitializeConditionEncoder(
            model, sourceEmbeddings: foreign, weights: MiniLmTestModels.Weights));
        Assert.Equal("sourceEmbeddings", foreignError.ParamName);
        Assert.Contains("glove:test", foreignError.Message, StringComparison.Ordinal);
    }
}
