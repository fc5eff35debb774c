using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

public sealed class DenoiserShapeTests
{
    public static TheoryData<ConditioningMode, bool, int?, bool> Combinations()
    {
        var data = new TheoryData<ConditioningMode, bool, int?, bool>();
        foreach (ConditioningMode mode in Enum.GetValues<ConditioningMode>())
        {
            foreach (bool selfCond in new[] { false, true })
            {
                foreach (int? embedding in new int?[] { null, 20 })
                {
                    foreach (bool tokenHead in new[] { false, true })
                    {
                        data.Add(mode, selfCond, embedding, tokenHead);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void OutputShapeMatchesEveryOptionCombination(ConditioningMode mode, bool selfCond, int? embeddingSize, bool tokenHead)
    {
        DenoiserConfig config = TestModels.Micro with
        {
            Conditioning = mode,
            UseSelfConditioning = selfCond,
            EmbeddingSize = embeddingSize,
            TokenHeadVocabularySize = tokenHead ? TestModels.Vocabulary : null,
        };
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = TestModels.Build(config);
        model.eval();
        var batch = TestModels.MakeBatch(config, batch: 3, length: 7, sourceLength: 5, selfCondition: selfCond);

        Tensor output = model.forward(batch.Input);

        long last = tokenHead ? TestModels.Vocabulary : config.EffectiveEmbeddingSize;
        Assert.Equal(new long[] { 3, 7, last }, output.shape);
        Assert.True(isfinite(output).all().item<bool>());

        // The self-condition is optional even when self-conditioning is on (null = zeros).
        if (selfCond)
        {
            Tensor withoutPrevious = model.forward(batch.Input with { SelfCondition = null });
            Tensor withZeros = model.forward(batch.Input with { SelfCondition = zeros_like(batch.Input.Noisy) });
            Assert.True(withoutPrevious.BitEqual(withZeros));
            Assert.False(withoutPrevious.allclose(output), "The self-condition must influence the output.");
        }
    }

    [Fact]
    public void OptionalModulesExistOnlyWhenConfigured()
    {
        using SmoothieDenoiser plain = TestModels.Build(TestModels.Micro);
        string[] keys = plain.state_dict().Keys.ToArray();
        Assert.Contains("encoder.input_blocks.0.crossattention.self.query.weight", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("self_condition_encoder.", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.StartsWith("encoder.self_cond_layers.", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.Contains("projection", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => k.StartsWith("token_head.", StringComparison.Ordinal));

        using SmoothieDenoiser concat = TestModels.Build(TestModels.Micro with
        {
            Conditioning = ConditioningMode.Concatenation,
            UseSelfConditioning = true,
            EmbeddingSize = 16,
        });
        keys = concat.state_dict().Keys.ToArray();
        Assert.DoesNotContain(keys, k => k.Contains("crossattention", StringComparison.Ordinal));
        Assert.Contains("self_condition_encoder.blocks.0.attention.self.query.weight", keys);
        Assert.Contains("encoder.self_cond_layers.3.weight", keys);
        Assert.Contains("input_projection.weight", keys);
        Assert.Contains("output_projection.weight", keys);
        Assert.Contains("condition_encoder.input_projection.weight", keys);
        Assert.Equal(new long[] { 32, 16 }, concat.state_dict()["input_projection.weight"].shape); // [out, in]

        using SmoothieDenoiser unconditional = TestModels.Build(TestModels.Micro with { Conditioning = ConditioningMode.None });
        Assert.DoesNotContain(unconditional.state_dict().Keys, k => k.StartsWith("condition_encoder.", StringComparison.Ordinal) || k.Contains("crossattention", StringComparison.Ordinal));
    }

    [Fact]
    public void WrongInputsAreRejectedWithTheArgumentNamed()
    {
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = TestModels.Build(TestModels.Micro);
        var batch = TestModels.MakeBatch(TestModels.Micro);

        var noSource = Assert.Throws<ArgumentException>(() => model.forward(batch.Input with { SourceIds = null }));
        Assert.Contains("SourceIds", noSource.Message, StringComparison.Ordinal);
        var tooLong = Assert.Throws<ArgumentException>(() => model.forward(batch.Input with { Noisy = randn(3, 13, 32) }));
        Assert.Contains("1..12", tooLong.Message, StringComparison.Ordinal);
        var wrongWidth = Assert.Throws<ArgumentException>(() => model.forward(batch.Input with { Noisy = randn(3, 7, 31) }));
        Assert.Contains("[B, L, 32]", wrongWidth.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => model.forward(batch.Input with { SelfCondition = randn(3, 7, 32) }));
        Assert.Throws<ArgumentException>(() => model.forward(batch.Input with { Time = rand(2) }));
        Assert.Throws<ArgumentException>(() => model.forward(batch.Input with { SourcePaddingMask = ones(3, 6) }));
    }
}
