using Smoothie.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

public sealed class ExponentialMovingAverageTests
{
    [Fact]
    public void UpdateFollowsTheFormulaAndSwapRestoresTrainingWeights()
    {
        Smoothie.Native.TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        manual_seed(1);
        var linear = nn.Linear(3, 2);
        using var ema = new ExponentialMovingAverage(linear, rate: 0.9);
        Tensor start = linear.weight!.detach().clone();

        using (no_grad())
        {
            linear.weight!.add_(1.0f);
        }

        ema.Update();
        Tensor expected = (start * 0.9) + ((start + 1) * 0.1);
        Tensor shadow = ema.Shadows.Single(s => s.Name == "weight").Value;
        Assert.True(allclose(shadow, expected, rtol: 1e-6, atol: 1e-6));

        Tensor training = linear.weight!.detach().clone();
        using (ema.SwapInto())
        {
            Assert.True(allclose(linear.weight!, expected, rtol: 1e-6, atol: 1e-6));
        }

        Assert.True(allclose(linear.weight!, training));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void RateOutsideRangeIsRejected(double rate)
    {
        Smoothie.Native.TorchSharpRuntime.EnsureLoaded();
        using var linear = nn.Linear(2, 2);
        var e = Assert.ThrowsAny<ArgumentException>(() => new ExponentialMovingAverage(linear, rate));
        Assert.Equal("rate", e.ParamName);
    }
}
