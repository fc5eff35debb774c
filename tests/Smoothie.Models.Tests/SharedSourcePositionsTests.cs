using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

public sealed class SharedSourcePositionsTests
{
    [Fact]
    public void TheConditionEncoderReadsTheDenoisersPositionTableWhichCoversTheLongerSide()
    {
        DenoiserConfig config = TestModels.Micro with { MaxTargetLength = 8, MaxSourceLength = 10, SharedSourcePositions = true };
        using SmoothieDenoiser model = TestModels.Build(config);
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.DoesNotContain(names, n => n.StartsWith("condition_encoder.position_embeddings", StringComparison.Ordinal));
        Assert.Equal([10L, 32L], model.named_parameters().Single(p => p.name == "position_embeddings.weight").parameter.shape);

        model.eval();
        var batch = TestModels.MakeBatch(config, length: 8, sourceLength: 10);
        using Tensor output = model.forward(batch.Input);
        Assert.Equal([3L, 8L, config.EffectiveEmbeddingSize], output.shape);

        // The shared table reaches the source: changing a source-only row (position 9 > the target's 8) changes the output.
        using (no_grad())
        {
            model.named_parameters().Single(p => p.name == "position_embeddings.weight").parameter[9].add_(linspace(-2.0, 2.0, 32)); // not a constant: LayerNorm would remove that
        }

        using Tensor changed = model.forward(batch.Input);
        double difference = (changed - output).abs().max().item<float>();
        Assert.True(difference > 1e-4, $"position 9 exists only on the source side; it must reach the output through cross-attention (largest change {difference})");
    }

    [Fact]
    public void OffByDefaultTheConditionEncoderKeepsItsOwnTable()
    {
        using SmoothieDenoiser model = TestModels.Build(TestModels.Micro);
        Assert.False(TestModels.Micro.SharedSourcePositions);
        Assert.Contains(model.named_parameters(), p => p.name == "condition_encoder.position_embeddings.weight");
        Assert.Equal([12L, 32L], model.named_parameters().Single(p => p.name == "position_embeddings.weight").parameter.shape);
    }

    [Fact]
    public void SharedPositionsNeedCrossAttention()
    {
        var error = Assert.Throws<ArgumentException>(() => (TestModels.Micro with { SharedSourcePositions = true, Conditioning = ConditioningMode.Concatenation }).Validate());
        Assert.Equal(nameof(DenoiserConfig.SharedSourcePositions), error.ParamName);
    }
}
