using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

public sealed class LossWeightedTimeSamplerTests
{
    [Fact]
    public void SamplesUniformlyUntilEveryBinHasBeenObserved()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var sampler = new LossWeightedTimeSampler(bins: 4, minTime: 0.01);
        sampler.Observe(tensor(new[] { 0.1f, 0.3f, 0.6f }), tensor(new[] { 5f, 1f, 1f }));
        Assert.All(sampler.Probabilities(), p => Assert.Equal(0.25, p, 12));
        manual_seed(3);
        (Tensor times, Tensor weights) = sampler.Sample(1000, CPU);
        Assert.True(times.min().item<float>() >= 0.01f && times.max().item<float>() <= 1f);
        Assert.True(allclose(weights, ones(1000)));
    }

    [Fact]
    public void HighLossBinsAreDrawnMoreOftenWithCompensatingWeights()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var sampler = new LossWeightedTimeSampler(bins: 4, minTime: 0);
        float[] binLoss = [4f, 2f, 1f, 1f];
        sampler.Observe(tensor(new[] { 0.1f, 0.3f, 0.6f, 0.9f }), tensor(binLoss));
        double[] p = sampler.Probabilities();
        Assert.Equal(1.0, p.Sum(), 9);
        Assert.Equal((0.9 * 4 / 8) + 0.025, p[0], 9);
        Assert.True(p[0] > p[1] && p[1] > p[2]);

        // Unbiased: E_p[w · f(t)] equals the uniform mean of f, here f = the bin's loss (mean 2).
        manual_seed(4);
        (Tensor times, Tensor weights) = sampler.Sample(200_000, CPU);
        Tensor bins = (times * 4).floor().clamp(0, 3).to(ScalarType.Int64);
        Tensor f = tensor(binLoss).index_select(0, bins);
        double estimate = (weights * f).mean().item<float>();
        Assert.InRange(estimate, 1.97, 2.03);
        double shareOfFirstBin = bins.eq(0).to(ScalarType.Float32).mean().item<float>();
        Assert.InRange(shareOfFirstBin, p[0] - 0.01, p[0] + 0.01);
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        var sampler = new LossWeightedTimeSampler();
        var e = Assert.Throws<ArgumentException>(() => sampler.Observe(tensor(new[] { 0.5f }), tensor(new[] { 1f, 2f })));
        Assert.Equal("losses", e.ParamName);
    }
}
