using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Smoothie.Models.Encoders;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

public sealed class SourcePaddingTests
{
    [Theory]
    [InlineData(ConditioningMode.CrossAttention)]
    [InlineData(ConditioningMode.Concatenation)]
    public void ValuesAtPaddedSourcePositionsDoNotChangeTheOutput(ConditioningMode mode)
    {
        DenoiserConfig config = TestModels.Micro with { Conditioning = mode };
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = TestModels.Build(config);
        model.eval();
        var batch = TestModels.MakeBatch(config, batch: 3, length: 7, sourceLength: 6);
        Tensor ids = batch.Input.SourceIds!;
        Tensor mask = batch.Input.SourcePaddingMask!;
        Assert.False(mask.all().item<bool>()); // rows 1 and 2 are padded

        Tensor reference = model.forward(batch.Input);
        Tensor scrambled = ids.clone();
        Tensor noise = randint(1, TestModels.Vocabulary, ids.shape, dtype: ScalarType.Int64, generator: new Generator(99));
        scrambled = where(mask, scrambled, noise);
        Assert.False(scrambled.BitEqual(ids));
        Tensor changed = model.forward(batch.Input with { SourceIds = scrambled });

        Assert.True(changed.allclose(reference, rtol: 0, atol: 1e-6), $"max diff {(changed - reference).abs().max().item<float>()}");

        // Control: the same change without the mask does change the output, so the test can fail.
        Tensor unmasked = model.forward(batch.Input with { SourceIds = scrambled, SourcePaddingMask = ones_like(mask) });
        Tensor unmaskedReference = model.forward(batch.Input with { SourcePaddingMask = ones_like(mask) });
        Assert.False(unmasked.allclose(unmaskedReference, rtol: 0, atol: 1e-4));
    }

    [Fact]
    public void ConditionEncoderKeepsUnpaddedPositionsWhenPaddingIsAppended()
    {
        DenoiserConfig config = TestModels.Micro;
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        using var encoder = new ConditionEncoder(config);
        encoder.eval();
        Tensor embeddings = randn(TestModels.Vocabulary, 32);
        Tensor ids = tensor(new long[] { 4, 5, 6, 7 }).unsqueeze(0);
        Tensor padded = tensor(new long[] { 4, 5, 6, 7, 9, 9, 9 }).unsqueeze(0);
        Tensor paddedMask = tensor(new[] { true, true, true, true, false, false, false }).unsqueeze(0);

        Tensor shortOut = encoder.forward(ids, ones(1, 4, dtype: ScalarType.Bool), embeddings);
        Tensor longOut = encoder.forward(padded, paddedMask, embeddings);

        Assert.True(longOut.narrow(1, 0, 4).allclose(shortOut, rtol: 0, atol: 1e-5));
    }
}
