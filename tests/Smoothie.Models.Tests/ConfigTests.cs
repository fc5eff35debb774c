using Smoothie.Models.Configuration;

namespace Smoothie.Models.Tests;

public sealed class ConfigTests
{
    public static TheoryData<DenoiserConfig, string> Invalid() => new()
    {
        { ModelPreset.Tiny with { AttentionHeads = 3 }, "AttentionHeads" },
        { ModelPreset.Tiny with { HiddenSize = 0 }, "HiddenSize" },
        { ModelPreset.Tiny with { DenoiserLayers = 3 }, "DenoiserLayers" },
        { ModelPreset.Tiny with { DenoiserLayers = 0 }, "DenoiserLayers" },
        { ModelPreset.Tiny with { ConditionEncoderLayers = 0 }, "ConditionEncoderLayers" },
        { ModelPreset.Tiny with { UseSelfConditioning = true, SelfConditionEncoderLayers = 0 }, "SelfConditionEncoderLayers" },
        { ModelPreset.Tiny with { MaxTargetLength = 0 }, "MaxTargetLength" },
        { ModelPreset.Tiny with { MaxSourceLength = -1 }, "MaxSourceLength" },
        { ModelPreset.Tiny with { Dropout = 1.0 }, "Dropout" },
        { ModelPreset.Tiny with { AttentionDropout = -0.1 }, "AttentionDropout" },
        { ModelPreset.Tiny with { EmbeddingSize = 0 }, "EmbeddingSize" },
        { ModelPreset.Tiny with { TokenHeadVocabularySize = 0 }, "TokenHeadVocabularySize" },
        { ModelPreset.Tiny with { LayerNormEps = 0 }, "LayerNormEps" },
        { ModelPreset.Tiny with { Conditioning = (ConditioningMode)17 }, "Conditioning" },
        { ModelPreset.Tiny with { SourceEmbeddingScale = 0 }, "SourceEmbeddingScale" },
        { ModelPreset.Tiny with { SourceEmbeddingScale = double.NaN }, "SourceEmbeddingScale" },
        { ModelPreset.Tiny with { SourceEmbeddingShift = double.PositiveInfinity }, "SourceEmbeddingShift" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidConfigurationsNameTheField(DenoiserConfig config, string field)
    {
        var error = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Equal(field, error.ParamName);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PresetsAreValidAndOverridableFieldByField()
    {
        foreach (DenoiserConfig preset in new[] { ModelPreset.Paper, ModelPreset.Small, ModelPreset.Tiny, ModelPreset.SmallPretrained })
        {
            preset.Validate();
        }

        Assert.Equal(768, ModelPreset.Paper.HiddenSize);
        Assert.Equal(12, ModelPreset.Paper.DenoiserLayers);
        Assert.Equal(6, ModelPreset.Paper.ConditionEncoderLayers);
        Assert.Equal(3072, ModelPreset.Paper.EffectiveIntermediateSize);
        Assert.False(ModelPreset.Paper.UseSelfConditioning);
        Assert.Equal((384, 12, 1536), (ModelPreset.SmallPretrained.HiddenSize, ModelPreset.SmallPretrained.AttentionHeads, ModelPreset.SmallPretrained.EffectiveIntermediateSize));

        DenoiserConfig custom = ModelPreset.Tiny with { EmbeddingSize = 384, UseSelfConditioning = true };
        Assert.Equal(128, custom.HiddenSize);
        Assert.True(custom.HasProjections);
        Assert.False(ModelPreset.Tiny.UseSelfConditioning);

        // A null FFN width follows the hidden width.
        Assert.Equal(4 * 96, (ModelPreset.Tiny with { HiddenSize = 96, IntermediateSize = null }).EffectiveIntermediateSize);
    }
}
