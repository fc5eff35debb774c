using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

/// <summary><see cref="DenoiserConfig.CopyHead"/>: x̂0 = (1 − c)·F + c·Σ_j a_j·E_{source_j}, padding never copied.</summary>
public sealed class CopyHeadTests
{
    private static readonly DenoiserConfig Config = TestModels.Micro with { EmbeddingSize = 20, CopyHead = true };

    [Fact]
    public void AnOpenGateCopiesTheOnlyRealSourceTokenAndNeverThePadding()
    {
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = TestModels.Build(Config);
        model.eval();
        OpenTheGate(model);

        // Row 2 of the test batch has one real source token followed by padding; with the gate open, every target
        // position must predict exactly that token's embedding, whatever the attention scores of the padded keys were.
        var batch = TestModels.MakeBatch(Config, batch: 3, length: 7, sourceLength: 3);
        Tensor output = model.forward(batch.Input);

        long onlyReal = batch.Input.SourceIds![2, 0].item<long>();
        Tensor expected = batch.Embeddings[onlyReal].expand(7, 20);
        Assert.True(output[2].allclose(expected, rtol: 1e-4, atol: 1e-5));
        Assert.False(output[0].allclose(output[0][0].expand(7, 20), rtol: 1e-3, atol: 1e-3), "with several real tokens the copy depends on the attention");
    }

    [Fact]
    public void TheCopyHeadsParametersAreNamedAndLearn()
    {
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = TestModels.Build(Config);
        var batch = TestModels.MakeBatch(Config);

        model.forward(batch.Input).square().sum().backward();

        foreach (string name in new[] { "copy_query.weight", "copy_key.weight", "copy_gate.bias" })
        {
            Tensor? gradient = model.named_parameters().Single(p => p.name == name).parameter.grad;
            Assert.True(gradient is not null && gradient.abs().sum().item<float>() > 0, $"{name} must receive a gradient");
        }
    }

    [Fact]
    public void UnconditionalOrTokenHeadModelsRejectTheCopyHead()
    {
        var unconditional = Assert.Throws<ArgumentException>((Config with { Conditioning = ConditioningMode.None }).Validate);
        Assert.Equal("CopyHead", unconditional.ParamName);
        var tokenHead = Assert.Throws<ArgumentException>((Config with { TokenHeadVocabularySize = TestModels.Vocabulary }).Validate);
        Assert.Equal("CopyHead", tokenHead.ParamName);
    }

    private static void OpenTheGate(SmoothieDenoiser model)
    {
        using var noGrad = no_grad();
        foreach ((string name, Tensor parameter) in model.named_parameters())
        {
            if (name == "copy_gate.weight")
            {
                parameter.zero_();
            }
            else if (name == "copy_gate.bias")
            {
                parameter.fill_(60);
            }
        }
    }
}
