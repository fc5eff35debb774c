using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Tests;

public class ReverseStepTests
{
    private const double T = 0.6, TNext = 0.55;

    public ReverseStepTests() => TorchSharpRuntime.EnsureLoaded();

    [Fact]
    public void TimeGridIsLinspaceFromOneToEndTime()
    {
        var grid = new TimeGrid(4, 0.2);
        Assert.Equal(new[] { 1.0, 0.8, 0.6, 0.4, 0.2 }, grid.Select(x => Math.Round(x, 12)));
        Assert.Equal(4, grid.StepPairs().Count());
        Assert.Equal((1.0, 0.8), (grid.StepPairs().First().T, Math.Round(grid.StepPairs().First().TNext, 12)));
        Assert.Equal(0.0, new TimeGrid(3)[3]);
        Assert.Equal(201, new TimeGrid().Count);
        Assert.Equal("steps", Assert.ThrowsAny<ArgumentException>(() => new TimeGrid(0)).ParamName);
        Assert.Equal("endTime", Assert.ThrowsAny<ArgumentException>(() => new TimeGrid(5, 1)).ParamName);
    }

    [Fact]
    public void DdimIsTheDeterministicFormula()
    {
        var schedule = new CosineSchedule();
        using var scope = NewDisposeScope();
        (Tensor xt, Tensor x0) = Pair();
        Tensor actual = new DdimStep().Step(xt, x0, T, TNext, schedule, null);
        Tensor epsHat = (xt - (x0 * schedule.Mu(T))) / schedule.Std(T);
        Tensor expected = (x0 * schedule.Mu(TNext)) + (epsHat * schedule.Std(TNext));
        Assert.True(actual.allclose(expected, 1e-5, 1e-5));
    }

    [Fact]
    public void RenoiseIsCleanEstimateAtNextTimePlusFreshNoise()
    {
        var schedule = new ArctanSchedule();
        using var scope = NewDisposeScope();
        (Tensor xt, Tensor x0) = Pair();
        Tensor actual = new RenoiseStep().Step(xt, x0, T, TNext, schedule, new Generator(1));
        AssertNoise(actual - (x0 * schedule.Mu(TNext)), schedule.Std(TNext));
    }

    [Fact]
    public void DdpmHasThePosteriorMeanAndVariance()
    {
        var schedule = new ArctanSchedule();
        using var scope = NewDisposeScope();
        (Tensor xt, Tensor x0) = Pair();
        Tensor actual = new DdpmStep().Step(xt, x0, T, TNext, schedule, new Generator(2));
        double abT = Math.Pow(schedule.Mu(T), 2), abN = Math.Pow(schedule.Mu(TNext), 2), a = abT / abN;
        double variance = Math.Pow(schedule.Std(TNext), 2) * (1 - a) / (1 - abT);
        Tensor mean = (xt * (Math.Sqrt(a) * (1 - abN) / (1 - abT))) + (x0 * (Math.Sqrt(abN) * (1 - a) / (1 - abT)));
        AssertNoise(actual - mean, Math.Sqrt(variance));
    }

    [Fact]
    public void SdeIsOneEulerMaruyamaStep()
    {
        var schedule = new CosineSchedule();
        using var scope = NewDisposeScope();
        (Tensor xt, Tensor x0) = Pair();
        Tensor actual = new SdeStep().Step(xt, x0, T, TNext, schedule, new Generator(3));
        double beta = schedule.Beta(T), dt = TNext - T;
        Tensor epsHat = (xt - (x0 * schedule.Mu(T))) / schedule.Std(T);
        Tensor score = -epsHat / schedule.Std(T);
        Tensor drift = (xt * (-0.5 * beta)) - (score * beta);
        AssertNoise(actual - (xt + (drift * dt)), Math.Sqrt(beta * -dt));
    }

    [Fact]
    public void StepsRejectBadArguments()
    {
        using var scope = NewDisposeScope();
        (Tensor xt, Tensor x0) = Pair();
        var schedule = new CosineSchedule();
        foreach (string name in ReverseSteps.Names)
        {
            IReverseStep step = ReverseSteps.Create(name);
            Assert.Equal(name, step.Name);
            Assert.Equal("cleanEstimate", Assert.ThrowsAny<ArgumentException>(() => step.Step(xt, x0.narrow(-1, 0, 5), T, TNext, schedule, null)).ParamName);
            Assert.Equal("tNext", Assert.ThrowsAny<ArgumentException>(() => step.Step(xt, x0, T, T, schedule, null)).ParamName);
            Assert.Equal("t", Assert.ThrowsAny<ArgumentException>(() => step.Step(xt, x0, 1.5, TNext, schedule, null)).ParamName);
            Assert.Equal("noisyLatent", Assert.ThrowsAny<ArgumentException>(() => step.Step(torch.zeros([2, 3, 8], ScalarType.Int64), x0, T, TNext, schedule, null)).ParamName);
        }

        Assert.Equal("schedule", Assert.Throws<ArgumentException>(() => new SdeStep().Step(xt, x0, T, TNext, new SqrtSchedule(), null)).ParamName);
        Assert.Equal("schedule", Assert.Throws<ArgumentException>(() => new DdimStep().Step(xt, x0, T, TNext, new ArctanSchedule(new ArctanParameters { Delta = 0 }), null)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => ReverseSteps.Create("euler")).ParamName);
    }

    private static (Tensor Xt, Tensor X0) Pair()
    {
        var gen = new Generator(42);
        return (torch.randn([40, 50, 8], generator: gen), torch.randn([40, 50, 8], generator: gen).mul_(3));
    }

    private static void AssertNoise(Tensor residual, double std)
    {
        Assert.True(Math.Abs(residual.mean().item<float>()) < 0.02 * std + 1e-6, $"noise mean {residual.mean().item<float>()}");
        Assert.Equal(1.0, residual.std().item<float>() / std, 1);
    }
}
