using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

/// <summary><see cref="DenoiserConfig.InputSkip"/>: x̂0 = F(x, t, source) + sigmoid(input_skip_gate(emb_t))·x.</summary>
public sealed class InputSkipTests
{
    [Fact]
    public void TheGateStartsAtOneHalfSoTheSkipModelIsThePlainModelPlusHalfItsInput()
    {
        DenoiserConfig plainConfig = TestModels.Micro with { EmbeddingSize = 20 };
        using var scope = NewDisposeScope();
        using SmoothieDenoiser plain = TestModels.Build(plainConfig);
        using SmoothieDenoiser skip = TestModels.Build(plainConfig with { InputSkip = true });
        using (no_grad())
        {
            foreach ((string name, Tensor value) in plain.state_dict())
            {
                skip.state_dict()[name].copy_(value);
            }
        }

        plain.eval();
        skip.eval();
        var batch = TestModels.MakeBatch(plainConfig, batch: 3, length: 7, sourceLength: 5);

        Tensor difference = skip.forward(batch.Input) - plain.forward(batch.Input);

        Assert.True(difference.allclose(batch.Input.Noisy * 0.5, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void TheGateIsANamedTrainableParameterThatLearns()
    {
        DenoiserConfig config = TestModels.Micro with { EmbeddingSize = 20, InputSkip = true };
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = TestModels.Build(config);
        var batch = TestModels.MakeBatch(config);
        Assert.Contains("input_skip_gate.weight", model.state_dict().Keys);
        Assert.Contains("input_skip_gate.bias", model.state_dict().Keys);

        model.forward(batch.Input).square().sum().backward();

        Tensor? gradient = model.named_parameters().Single(p => p.name == "input_skip_gate.bias").parameter.grad;
        Assert.NotNull(gradient);
        Assert.True(gradient.abs().item<float>() > 0, "the gate must receive a gradient");
    }

    [Fact]
    public void ATokenHeadModelRejectsTheSkipNamingBothFields()
    {
        DenoiserConfig config = TestModels.Micro with { InputSkip = true, TokenHeadVocabularySize = TestModels.Vocabulary };
        var error = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Equal("InputSkip", error.ParamName);
        Assert.Contains("TokenHeadVocabularySize", error.Message, StringComparison.Ordinal);
    }
}
