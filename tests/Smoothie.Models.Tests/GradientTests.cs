using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

public sealed class GradientTests
{
    [Theory]
    [InlineData(ConditioningMode.CrossAttention, false)]
    [InlineData(ConditioningMode.Concatenation, true)]
    [InlineData(ConditioningMode.None, false)]
    public void GradientsReachEveryTrainableParameter(ConditioningMode mode, bool tokenHead)
    {
        DenoiserConfig config = TestModels.Micro with
        {
            Conditioning = mode,
            UseSelfConditioning = true,
            EmbeddingSize = 24,
            TokenHeadVocabularySize = tokenHead ? TestModels.Vocabulary : null,
        };
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = TestModels.Build(config);
        model.train();
        var batch = TestModels.MakeBatch(config, batch: 2, length: 5, sourceLength: 4, selfCondition: true);

        Tensor output = model.forward(batch.Input);
        Tensor loss = (output * randn_like(output)).sum();
        loss.backward();

        var named = model.named_parameters().ToList();
        Assert.NotEmpty(named);
        Assert.Equal(named.Sum(p => p.parameter.numel()), model.TrainableParameterCount);
        var silent = named
            .Where(p => p.parameter.grad is null || p.parameter.grad.abs().sum().item<float>() == 0f || !isfinite(p.parameter.grad).all().item<bool>())
            .Select(p => p.name)
            .ToList();
        Assert.True(silent.Count == 0, "No (finite, nonzero) gradient for: " + string.Join(", ", silent));
    }
}
