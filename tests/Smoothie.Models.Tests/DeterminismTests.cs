using Smoothie.Models.Denoising;
using static TorchSharp.torch;

namespace Smoothie.Models.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void SameSeedGivesSameWeightsAndOutputs()
    {
        using var scope = NewDisposeScope();
        using SmoothieDenoiser first = TestModels.Build(TestModels.Micro, seed: 42);
        using SmoothieDenoiser second = TestModels.Build(TestModels.Micro, seed: 42);
        using SmoothieDenoiser other = TestModels.Build(TestModels.Micro, seed: 43);

        foreach ((string name, Tensor value) in first.state_dict())
        {
            Assert.True(second.state_dict()[name].BitEqual(value), name);
        }

        Assert.False(other.state_dict()["time_emb.0.weight"].BitEqual(first.state_dict()["time_emb.0.weight"]));

        first.eval();
        second.eval();
        var batch = TestModels.MakeBatch(TestModels.Micro);
        Assert.True(first.forward(batch.Input).BitEqual(second.forward(batch.Input)));
    }

    [Fact]
    public void TrainingModeAppliesDropoutAndEvalModeIsDeterministic()
    {
        using var scope = NewDisposeScope();
        using SmoothieDenoiser model = TestModels.Build(TestModels.Micro);
        var batch = TestModels.MakeBatch(TestModels.Micro);
        model.train();
        Assert.False(model.forward(batch.Input).BitEqual(model.forward(batch.Input)));
        model.eval();
        Assert.True(model.forward(batch.Input).BitEqual(model.forward(batch.Input)));
    }
}
