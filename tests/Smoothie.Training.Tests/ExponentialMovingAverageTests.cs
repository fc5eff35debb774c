using Smoothie.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

public sealed class ExponentialMovingAverageTests
{
    [Fact]
    public void UpdateFollowsTheFormulaAndSwapRestoresTrainingWeights()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
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
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        using var linear = nn.Linear(2, 2);
        var e = Assert.ThrowsAny<ArgumentException>(() => new ExponentialMovingAverage(linear, rate));
        Assert.Equal("rate", e.ParamName);
    }

    [Theory]
    [InlineData(0L, 0.999, 0.1)]
    [InlineData(10L, 0.999, 11.0 / 20.0)]
    [InlineData(100_000L, 0.999, 0.999)]
    [InlineData(5L, 0.3, 0.3)]
    public void WarmedUpDecayIsCappedByTheRate(long step, double rate, double expected) =>
        Assert.Equal(expected, ExponentialMovingAverage.DecayAt(step, rate), 12);

    [Fact]
    public void ShortRunAverageForgetsTheInitialisation()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        manual_seed(2);
        var linear = nn.Linear(3, 2);
        using var warmed = new ExponentialMovingAverage(linear, rate: 0.999);
        using var constant = new ExponentialMovingAverage(linear, rate: 0.999);
        Tensor start = linear.weight!.detach().clone();
        using (no_grad())
        {
            linear.weight!.add_(1.0f);
        }

        for (long step = 0; step < 750; step++)
        {
            warmed.Update(step);
            constant.Update();
        }

        // Distance from the trained weights (start + 1) in units of the initial offset (1 per element).
        double warmedLag = (warmed.Shadows.Single(s => s.Name == "weight").Value - (start + 1)).abs().max().item<float>();
        double constantLag = (constant.Shadows.Single(s => s.Name == "weight").Value - (start + 1)).abs().max().item<float>();
        Assert.True(warmedLag < 1e-3, $"warmed-up EMA still holds {warmedLag:P2} of the initialisation");
        Assert.InRange(constantLag, 0.45, 0.50); // 0.999^750 = 0.472
    }
}
