using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Schedulers.Tests;

public class ForwardProcessTests
{
    public ForwardProcessTests() => TorchSharpRuntime.EnsureLoaded();

    [Theory]
    [InlineData("arctan", 0.3)]
    [InlineData("cosine-sd", 0.6)]
    [InlineData("tess", 0.8)]
    public void ResidualHasMeanZeroAndStdOfTheSchedule(string name, double t)
    {
        INoiseSchedule schedule = NoiseSchedules.Create(name);
        using var scope = NewDisposeScope();
        Tensor x0 = torch.randn([100, 40, 50], generator: new Generator(1)).mul_(4);
        double mu = schedule.Mu(t), std = schedule.Std(t);
        Tensor xt = ForwardProcess.AddNoise(x0, mu, std, new Generator(2), new LatentChunking(50 * 4 * 7));
        Tensor residual = xt - (x0 * mu);
        Assert.True(Math.Abs(residual.mean().item<float>()) < 0.01 * std, "mean of x_t − μ·x0 must be ≈ 0");
        Assert.Equal(1.0, residual.std().item<float>() / std, 2);
        Assert.True(x0.IsEqualTo(torch.randn([100, 40, 50], generator: new Generator(1)).mul_(4)), "x0 must stay untouched");
    }

    [Fact]
    public void PerSampleTimesNoiseEachSampleWithItsOwnSchedule()
    {
        var schedule = new ArctanSchedule();
        using var scope = NewDisposeScope();
        Tensor x0 = torch.randn([3, 200, 64], generator: new Generator(3));
        Tensor t = torch.tensor(new[] { 0.05f, 0.5f, 0.95f });
        Tensor xt = ForwardProcess.AddNoise(x0, t, schedule, new Generator(4), new LatentChunking(64 * 4 * 30));
        for (int b = 0; b < 3; b++)
        {
            double tb = t[b].item<float>();
            Tensor residual = xt[b] - (x0[b] * schedule.Mu(tb));
            Assert.Equal(1.0, residual.std().item<float>() / schedule.Std(tb), 1);
            Assert.True(Math.Abs(residual.mean().item<float>()) < 0.03);
        }
    }

    [Fact]
    public void SameGeneratorAndBudgetSameNoise()
    {
        using var scope = NewDisposeScope();
        Tensor x0 = torch.ones(4, 5, 6);
        var budget = new LatentChunking(6 * 4 * 3);
        Assert.True(ForwardProcess.AddNoise(x0, 0.5, 0.7, new Generator(9), budget)
            .IsEqualTo(ForwardProcess.AddNoise(x0, 0.5, 0.7, new Generator(9), budget)));
        Assert.True(ForwardProcess.AddNoise(x0, 0.5, 0, new Generator(9)).IsEqualTo(x0 * 0.5));
    }

    [Fact]
    public void BadArgumentsNameTheArgument()
    {
        using var scope = NewDisposeScope();
        Tensor x0 = torch.zeros(2, 3, 4);
        Assert.Equal("std", Assert.ThrowsAny<ArgumentException>(() => ForwardProcess.AddNoise(x0, 1, -1)).ParamName);
        Assert.Equal("mu", Assert.ThrowsAny<ArgumentException>(() => ForwardProcess.AddNoise(x0, double.NaN, 1)).ParamName);
        Assert.Equal("x0", Assert.ThrowsAny<ArgumentException>(() => ForwardProcess.AddNoise(torch.zeros(4), 1, 1)).ParamName);
        Assert.Equal("x0", Assert.ThrowsAny<ArgumentException>(() => ForwardProcess.AddNoise(torch.zeros([2, 3], ScalarType.Int64), 1, 1)).ParamName);
        Assert.Equal("mu", Assert.ThrowsAny<ArgumentException>(() => ForwardProcess.AddNoise(x0, torch.ones(3), torch.ones(2))).ParamName);
        Assert.Equal("std", Assert.ThrowsAny<ArgumentException>(() => ForwardProcess.AddNoise(x0, torch.ones(2), torch.ones(2, 2))).ParamName);
        Assert.Equal("t", Assert.ThrowsAny<ArgumentException>(() => ForwardProcess.AddNoise(x0, torch.ones(5), new SqrtSchedule())).ParamName);
    }
}
