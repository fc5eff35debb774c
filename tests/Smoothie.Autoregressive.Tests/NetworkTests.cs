using Smoothie.Autoregressive.Configuration;
using Smoothie.Autoregressive.Modules;
using Smoothie.Testing;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Tests;

/// <summary>Shapes and invariants of the pointer-generator network on random tiny inputs.</summary>
public sealed class NetworkTests
{
    private static readonly AutoregressiveConfig Config = TinyAutoregressive.Settings.Network with { EmbeddingSize = 8, TargetVocabularySize = 10 };

    [Fact]
    public void TheNetworkGivesOneDistributionPerDecoderPositionOverTheExtendedVocabulary()
    {
        using var scope = NewDisposeScope();
        using var network = new PointerGeneratorTransformer(Config);
        network.eval();
        PointerInput input = RandomInput(batch: 3, sourceLength: 7, targetLength: 5, extendedSize: 13);

        Tensor probabilities = network.forward(input);

        Assert.Equal([3L, 5L, 13L], probabilities.shape);
        Assert.Equal([3L, 1L, 13L], network.Decode(network.Encode(input.SourceIds, input.SourceMask, input.EmbeddingMatrix), input, lastPositionOnly: true).shape);
    }

    [Fact]
    public void ThePointerDistributionSumsToOneAndGivesCopyableSourceOnlyTokensMass()
    {
        using var scope = NewDisposeScope();
        using var network = new PointerGeneratorTransformer(Config);
        network.eval();
        PointerInput input = RandomInput(batch: 2, sourceLength: 6, targetLength: 4, extendedSize: 12);

        Tensor probabilities = network.forward(input);

        Tensor sums = probabilities.sum(-1);
        Assert.True(sums.sub(1).abs().max().item<float>() < 1e-5f, $"The distributions sum to {sums}.");
        Assert.True(probabilities.min().item<float>() >= 0);
        // Extended ids 10 and 11 are source-only tokens of row 0 (see RandomInput): only copying reaches them.
        Assert.True(probabilities[0, .., 10].min().item<float>() > 0);
        Assert.True(probabilities[0, .., 11].min().item<float>() > 0);
        // Row 1 has no source-only token: the extra slots get nothing.
        Assert.Equal(0f, probabilities[1, .., 10..].max().item<float>());
    }

    [Fact]
    public void ADecoderPositionDoesNotSeeLaterInputs()
    {
        using var scope = NewDisposeScope();
        using var network = new PointerGeneratorTransformer(Config);
        network.eval();
        PointerInput input = RandomInput(batch: 1, sourceLength: 5, targetLength: 6, extendedSize: 12);
        Tensor changed = input.DecoderInputIds.clone();
        changed[0, 4] = tensor(3L);

        Tensor before = network.forward(input);
        Tensor after = network.forward(input with { DecoderInputIds = changed });

        Assert.True(before[.., ..4].allclose(after[.., ..4]), "A position changed when a later input did.");
        Assert.False(before[.., 4..].allclose(after[.., 4..]), "The changed position did not change.");
    }

    [Fact]
    public void AnInvalidConfigurationIsRejectedWithTheFieldNamed()
    {
        var heads = Assert.Throws<ArgumentException>(() => new PointerGeneratorTransformer(Config with { AttentionHeads = 3 }));
        Assert.Contains("AttentionHeads", heads.Message, StringComparison.Ordinal);
        var vocabulary = Assert.Throws<ArgumentException>(() => new PointerGeneratorTransformer(Config with { TargetVocabularySize = 0 }));
        Assert.Contains("TargetVocabularySize", vocabulary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLongADecoderInputIsRejected()
    {
        using var scope = NewDisposeScope();
        using var network = new PointerGeneratorTransformer(Config);
        PointerInput input = RandomInput(batch: 1, sourceLength: 4, targetLength: 17, extendedSize: 10);

        var error = Assert.Throws<ArgumentException>(() => network.forward(input));
        Assert.Contains("at most 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromDenoiserKeepsTheDiffusionModelsWidthDepthAndHeads()
    {
        AutoregressiveConfig tiny = AutoregressiveConfig.FromDenoiser(Smoothie.Models.Configuration.ModelPreset.Tiny, embeddingSize: 384);

        Assert.Equal((128, 4, 2, 4, 512, 384), (tiny.HiddenSize, tiny.AttentionHeads, tiny.EncoderLayers, tiny.DecoderLayers, tiny.EffectiveIntermediateSize, tiny.EmbeddingSize));
    }

    /// <summary>
    /// Random ids over a vocabulary of 20 codec tokens; E is random. Row 0's source has two source-only tokens
    /// (extended ids 10 and 11), row 1's has none; padding at the end of row 0.
    /// </summary>
    private static PointerInput RandomInput(int batch, int sourceLength, int targetLength, long extendedSize)
    {
        manual_seed(3);
        Tensor embeddings = TinyEmbeddings.RandomMatrix(20, 8, seed: 4).Weights;
        Tensor sourceIds = randint(1, 20, [batch, sourceLength], dtype: ScalarType.Int64);
        Tensor mask = ones(batch, sourceLength, dtype: ScalarType.Bool);
        mask[0, sourceLength - 1] = tensor(false);
        Tensor extended = randint(0, 10, [batch, sourceLength], dtype: ScalarType.Int64);
        extended[0, 0] = tensor(10L);
        extended[0, 1] = tensor(11L);
        Tensor decoderIds = randint(1, 20, [batch, targetLength], dtype: ScalarType.Int64);
        return new PointerInput(sourceIds, mask, extended, extendedSize, decoderIds, embeddings);
    }
}
