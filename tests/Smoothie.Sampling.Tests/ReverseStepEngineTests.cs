using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Tests;

/// <summary>The one engine that moves tensors with a solver's coefficients: the documented order of operations and draws.</summary>
public sealed class ReverseStepEngineTests
{
    private const int B = 3, L = 5, D = 11;
    private const double T = 0.6, TNext = 0.55;

    public ReverseStepEngineTests() => TorchSharpRuntime.EnsureLoaded();

    [Theory]
    [InlineData(ReverseSteps.Renoise)]
    [InlineData(ReverseSteps.Ddpm)]
    [InlineData(ReverseSteps.Ddim)]
    [InlineData(ReverseSteps.Sde)]
    public void TheEngineAppliesTheCoefficientsWithTheDocumentedRandomStream(string name)
    {
        var schedule = new CosineSchedule();
        IReverseStep solver = ReverseSteps.Create(name, LatentChunking.Unbounded);
        (double a, double b, double c) = solver.Coefficients(schedule, T, TNext);
        using var scope = NewDisposeScope();
        (Tensor xt, Tensor x0) = Pair();

        // a = 0: c·ε drawn straight into the result, then b·x̂0 added; a ≠ 0: (a·x_t) + b·x̂0, then c·ε (one chunk here).
        using var reference = new Generator(9);
        Tensor expected = a == 0
            ? torch.empty_like(x0).normal_(0, c, reference).add_(x0, b)
            : xt.mul(a).add_(x0, b);
        if (a != 0 && c != 0)
        {
            expected.add_(torch.empty([B * L, D]).normal_(0, 1, reference).view(B, L, D), c);
        }

        using var generator = new Generator(9);
        Tensor actual = solver.Step(xt, x0, T, TNext, schedule, generator);
        Assert.True(actual.IsEqualTo(expected), $"{name}: max |Δ| = {(actual - expected).abs().max().item<float>()}");
        Assert.True(torch.rand([8], generator: generator).IsEqualTo(torch.rand([8], generator: reference)), "the generators diverged");
    }

    [Fact]
    public void ACustomSolverIsAppliedByItsCoefficientsAlone()
    {
        var schedule = new CosineSchedule();
        var halfway = new FixedStep(new StepCoefficients(0.5, 0.5, 0), forgets: false);
        using var scope = NewDisposeScope();
        (Tensor xt, Tensor x0) = Pair();
        Tensor outOfPlace = halfway.Step(xt, x0, T, TNext, schedule, null);
        Assert.True(outOfPlace.IsEqualTo(xt.mul(0.5).add_(x0, 0.5)));

        Tensor x = xt.clone();
        halfway.StepInPlace(x, (first, destination) => destination.copy_(x0.view(-1, D).narrow(0, first, destination.shape[0])), T, TNext, schedule, null, new LatentChunking(4 * D * sizeof(float)));
        Assert.True(x.IsEqualTo(outOfPlace));
    }

    [Fact]
    public void TheEngineRejectsCoefficientsThatBreakTheContract()
    {
        var schedule = new CosineSchedule();
        using var scope = NewDisposeScope();
        (Tensor xt, Tensor x0) = Pair();
        var nan = new FixedStep(new StepCoefficients(double.NaN, 1, 0), forgets: false);
        var negativeNoise = new FixedStep(new StepCoefficients(1, 1, -1), forgets: false);
        var liar = new FixedStep(new StepCoefficients(0.5, 1, 0), forgets: true);
        Assert.Equal("schedule", Assert.Throws<ArgumentException>(() => nan.Step(xt, x0, T, TNext, schedule, null)).ParamName);
        Assert.Equal("schedule", Assert.Throws<ArgumentException>(() => negativeNoise.Step(xt, x0, T, TNext, schedule, null)).ParamName);
        Assert.Equal("solver", Assert.Throws<ArgumentException>(() => liar.StepInPlace(xt, (_, d) => d.zero_(), T, TNext, schedule, null)).ParamName);
        Assert.Equal("solver", Assert.Throws<ArgumentNullException>(() => ((IReverseStep)null!).Step(xt, x0, T, TNext, schedule, null)).ParamName);
    }

    private static (Tensor Xt, Tensor X0) Pair()
    {
        var gen = new Generator(42);
        return (torch.randn([B, L, D], generator: gen), torch.randn([B, L, D], generator: gen).mul_(3));
    }

    /// <summary>A user-defined step with constant coefficients.</summary>
    private sealed class FixedStep(StepCoefficients coefficients, bool forgets) : IReverseStep
    {
        public string Name => "fixed";

        public bool ForgetsNoisyLatent => forgets;

        public bool NeedsBeta => false;

        public LatentChunking? NoiseChunking => null;

        public StepCoefficients Coefficients(INoiseSchedule schedule, double t, double tNext) => coefficients;
    }
}
