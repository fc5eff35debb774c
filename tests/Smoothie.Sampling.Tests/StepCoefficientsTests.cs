using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Tests;

/// <summary>Each built-in solver against the formulas in its documentation, and what it declares to the engine.</summary>
public sealed class StepCoefficientsTests
{
    private static readonly (double T, double TNext)[] Times = [(1.0, 0.95), (0.6, 0.55), (0.3, 0.1), (0.02, 0.0)];

    public static TheoryData<string, string> SolversAndSchedules()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in ReverseSteps.Names)
        {
            foreach (string schedule in new[] { "cosine", "arctan" })
            {
                data.Add(name, schedule);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SolversAndSchedules))]
    public void EachSolverIsItsCoefficients(string name, string scheduleName)
    {
        INoiseSchedule schedule = NoiseSchedules.Create(scheduleName);
        IReverseStep solver = ReverseSteps.Create(name);
        foreach ((double t, double tNext) in Times)
        {
            (double a, double b, double c) expected = Documented(name, schedule, t, tNext);
            (double a, double b, double c) = solver.Coefficients(schedule, t, tNext);
            AssertClose(expected.a, a, $"{name}/{scheduleName} a at t = {t}");
            AssertClose(expected.b, b, $"{name}/{scheduleName} b at t = {t}");
            AssertClose(expected.c, c, $"{name}/{scheduleName} c at t = {t}");
        }
    }

    [Theory]
    [MemberData(nameof(SolversAndSchedules))]
    public void WhatASolverDeclaresHoldsForItsCoefficients(string name, string scheduleName)
    {
        INoiseSchedule schedule = NoiseSchedules.Create(scheduleName);
        IReverseStep solver = ReverseSteps.Create(name);
        Assert.Equal(name, solver.Name);
        Assert.Equal(name == ReverseSteps.Renoise, solver.ForgetsNoisyLatent);
        Assert.Equal(name == ReverseSteps.Sde, solver.NeedsBeta);
        foreach ((double t, double tNext) in Times)
        {
            StepCoefficients coefficients = solver.Coefficients(schedule, t, tNext);
            if (solver.ForgetsNoisyLatent)
            {
                Assert.Equal(0, coefficients.NoisyLatent);
            }

            Assert.True(coefficients.Noise >= 0, $"{name}: c = {coefficients.Noise}");
            if (tNext > 0)
            {
                Assert.Equal(name == ReverseSteps.Ddim, coefficients.Noise == 0);
            }
        }
    }

    [Fact]
    public void TheSolversKeepTheirNoiseBudget()
    {
        var chunking = new Runtime.LatentChunking(1 << 20);
        Assert.All(ReverseSteps.Names.Where(n => n != ReverseSteps.Ddim), n => Assert.Same(chunking, ReverseSteps.Create(n, chunking).NoiseChunking));
        Assert.Null(ReverseSteps.Create(ReverseSteps.Ddim, chunking).NoiseChunking);
    }

    [Fact]
    public void TheSDEIsRejectedForAScheduleWithoutBeta()
    {
        foreach (INoiseSchedule schedule in new INoiseSchedule[] { new SqrtSchedule(), new TessSchedule() })
        {
            Assert.False(schedule.SupportsSde);
            var e = Assert.Throws<ArgumentException>(() => new SdeStep().Coefficients(schedule, 0.6, 0.55));
            Assert.Equal("schedule", e.ParamName);
            Assert.Contains("β", e.Message, StringComparison.Ordinal);
        }

        using EmbeddingMatrix matrix = TinyEmbeddings.RandomMatrix(20, 4, seed: 1);
        var space = new DistanceLatentSpace(matrix, sigmaMin: 1.5);
        var sampler = Assert.Throws<ArgumentException>(() => new DiffusionSampler(new UnusedNetwork(), space, new TessSchedule(), ReverseSteps.Create(ReverseSteps.Sde)));
        Assert.Equal("solver", sampler.ParamName);
        Assert.Contains(ReverseSteps.Sde, sampler.Message, StringComparison.Ordinal);
        _ = new DiffusionSampler(new UnusedNetwork(), space, new TessSchedule(), ReverseSteps.Create(ReverseSteps.Ddpm));
    }

    [Fact]
    public void CoefficientsRejectBadTimesAndSchedules()
    {
        var schedule = new CosineSchedule();
        foreach (string name in ReverseSteps.Names)
        {
            IReverseStep solver = ReverseSteps.Create(name);
            Assert.Equal("schedule", Assert.ThrowsAny<ArgumentException>(() => solver.Coefficients(null!, 0.6, 0.5)).ParamName);
            Assert.Equal("t", Assert.ThrowsAny<ArgumentException>(() => solver.Coefficients(schedule, 1.5, 0.5)).ParamName);
            Assert.Equal("tNext", Assert.ThrowsAny<ArgumentException>(() => solver.Coefficients(schedule, 0.5, 0.5)).ParamName);
        }
    }

    /// <summary>The coefficients as each solver's documentation writes them.</summary>
    private static (double A, double B, double C) Documented(string name, INoiseSchedule s, double t, double tNext)
    {
        double muT = s.Mu(t), stdT = s.Std(t), muN = s.Mu(tNext), stdN = s.Std(tNext);
        switch (name)
        {
            case ReverseSteps.Renoise:
                return (0, muN, stdN);
            case ReverseSteps.Ddim:
                return (stdN / stdT, muN - (stdN * muT / stdT), 0);
            case ReverseSteps.Ddpm:
                double abT = muT * muT, abN = muN * muN, a = abT / abN;
                return (Math.Sqrt(a) * (1 - abN) / (1 - abT), Math.Sqrt(abN) * (1 - a) / (1 - abT), Math.Sqrt(Math.Max(0, stdN * stdN * (1 - a) / (1 - abT))));
            case ReverseSteps.Sde:
                // x + (−½β·x − β·score)·dt with score = −(x − μ·x̂0)/std².
                double beta = s.Beta(t), dt = tNext - t;
                return (1 + (-0.5 * beta * dt) + (beta * dt / (stdT * stdT)), -beta * dt * muT / (stdT * stdT), Math.Sqrt(beta) * Math.Sqrt(-dt));
            default:
                throw new ArgumentException($"No documented formula for '{name}'.", nameof(name));
        }
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    /// <summary>A network the sampler's constructor never calls.</summary>
    private sealed class UnusedNetwork : IDenoiserNetwork
    {
        public nn.Module Module => throw new NotSupportedException();

        public bool SupportsSelfConditioning => false;

        public Tensor Predict(Tensor input, Tensor time, Tensor? sourceIds, Tensor? sourceMask, Tensor? selfCondition) => throw new NotSupportedException();
    }
}
