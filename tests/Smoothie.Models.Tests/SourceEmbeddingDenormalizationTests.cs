using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Smoothie.Models.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

public sealed class SourceEmbeddingDenormalizationTests
{
    [Fact]
    public void ConditionEncoderWithDenormalizationOnNormalizedEEqualsIdentityOnRawE()
    {
        const double mean = 0.37;
        const double std = 0.052;
        using var scope = NewDisposeScope();
        Tensor raw = randn(TestModels.Vocabulary, 32, generator: new Generator(5)).mul(std).add(mean);
        Tensor normalized = raw.sub(mean).div(std);
        Tensor ids = tensor(new long[] { 3, 9, 1, 17, 4, 2, 8, 8 }).view(2, 4);
        Tensor mask = tensor(new[] { true, true, true, true, true, true, false, false }).view(2, 4);

        torch.manual_seed(4);
        using var identity = new ConditionEncoder(TestModels.Micro);
        torch.manual_seed(4);
        using var denormalizing = new ConditionEncoder(TestModels.Micro with { SourceEmbeddingScale = std, SourceEmbeddingShift = mean });
        identity.eval();
        denormalizing.eval();

        Tensor expected = identity.forward(ids, mask, raw);
        Tensor actual = denormalizing.forward(ids, mask, normalized);
        Assert.True(actual.allclose(expected, rtol: 0, atol: 1e-5), $"max diff {(actual - expected).abs().max().item<float>()}");

        // Control: without de-normalisation the normalised E gives a different encoding (LayerNorm does not undo it,
        // because the positions are added before it).
        Tensor plain = identity.forward(ids, mask, normalized);
        Assert.False(plain.allclose(expected, rtol: 0, atol: 1e-2));
    }

    [Fact]
    public void DenormalizationTouchesOnlyTheSourcePathAndIsNotAStateKey()
    {
        DenoiserConfig shifted = TestModels.Micro with { SourceEmbeddingScale = 2.5, SourceEmbeddingShift = -0.5 };
        Assert.False(TestModels.Micro.HasSourceEmbeddingDenormalization);
        Assert.True(shifted.HasSourceEmbeddingDenormalization);

        using var scope = NewDisposeScope();
        using SmoothieDenoiser plain = TestModels.Build(TestModels.Micro);
        using SmoothieDenoiser denormalizing = TestModels.Build(shifted);
        Assert.Equal(plain.state_dict().Keys.Order(StringComparer.Ordinal), denormalizing.state_dict().Keys.Order(StringComparer.Ordinal));

        plain.eval();
        denormalizing.eval();
        var batch = TestModels.MakeBatch(TestModels.Micro);
        Tensor scaledE = batch.Embeddings.mul(2.5).sub(0.5);
        Tensor expected = plain.forward(batch.Input with { EmbeddingMatrix = scaledE });
        Tensor actual = denormalizing.forward(batch.Input);
        Assert.True(actual.allclose(expected, rtol: 0, atol: 1e-5), $"max diff {(actual - expected).abs().max().item<float>()}");
        Assert.False(plain.forward(batch.Input).allclose(expected, rtol: 0, atol: 1e-3));
    }
}
