using FsCheck.Xunit;
using Smoothie.Runtime;
using Smoothie.Schedulers.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Schedulers.Tests;

public class ScheduleTests
{
    private static readonly double[] Times = [0.01, 0.25, 0.5, 0.75, 0.99];

    public ScheduleTests() => TorchSharpRuntime.EnsureLoaded();

    public static TheoryData<string> Names => new(NoiseSchedules.Names);

    /// <summary>The formulas of SPEC §2, written out independently with plain double math.</summary>
    private static (double Mu, double Std) Expected(string name, double t)
    {
        switch (name)
        {
            case "arctan":
            {
                double c = Math.Min(Math.Max(t, 1 - 0.9995), 0.9995);
                double sigmaBar = ((200.0 / 1.5) - 1) * 2 / Math.PI * Math.Atan(Math.Sqrt(c / (1 - c)) / 9) + 1;
                double alpha = Math.Pow(sigmaBar, -4);
                return (Math.Pow(sigmaBar, -2), 1.0 * Math.Sqrt(1 - alpha));
            }

            case "cosine-sd":
            {
                double mu = 1 / Math.Sqrt(1 + (Math.Pow(Math.Tan(Math.PI * t / 2), 2) * 81));
                return (mu, Math.Sqrt(1 - (mu * mu)));
            }

            case "sqrt":
            {
                double a = Math.Min(Math.Max(1 - Math.Sqrt(t + 1e-4), 0), 1);
                return (Math.Sqrt(a), Math.Sqrt(1 - a));
            }

            case "cosine":
            {
                double mu = Math.Exp((-0.25 * t * t * (20 - 0.1)) - (0.5 * t * 0.1));
                return (mu, Math.Sqrt(1 - (mu * mu)));
            }

            case "tess":
            {
                static double F(double x) => Math.Pow(Math.Cos((x + 1e-4) / (1 + 1e-4) * Math.PI / 2), 2);
                double alphaBar = F(t) / F(0);
                return (Math.Sqrt(alphaBar), 5 * Math.Sqrt(1 - alphaBar));
            }

            default:
                throw new ArgumentException(name);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TabulatedValuesMatchHandComputedFormulas(string name)
    {
        INoiseSchedule schedule = NoiseSchedules.Create(name);
        Assert.Equal(name, schedule.Name);
        using var scope = NewDisposeScope();
        Tensor times = torch.tensor(Times, ScalarType.Float32);
        float[] mus = schedule.Mu(times).data<float>().ToArray();
        float[] stds = schedule.Std(times).data<float>().ToArray();
        for (int i = 0; i < Times.Length; i++)
        {
            (double mu, double std) = Expected(name, Times[i]);
            Assert.True(Math.Abs(schedule.Mu(Times[i]) - mu) <= 1e-5, $"{name} μ({Times[i]}) = {schedule.Mu(Times[i])}, expected {mu}");
            Assert.True(Math.Abs(schedule.Std(Times[i]) - std) <= 1e-5, $"{name} std({Times[i]}) = {schedule.Std(Times[i])}, expected {std}");
            Assert.True(Math.Abs(mus[i] - mu) <= 1e-5, $"{name} tensor μ({Times[i]}) = {mus[i]}, expected {mu}");
            Assert.True(Math.Abs(stds[i] - std) <= 1e-5, $"{name} tensor std({Times[i]}) = {stds[i]}, expected {std}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void MuDecreasesAndStdIncreases(string name)
    {
        INoiseSchedule schedule = NoiseSchedules.Create(name);
        double previousMu = double.PositiveInfinity, previousStd = double.NegativeInfinity;
        for (int k = 0; k <= 1000; k++)
        {
            double t = k / 1000.0;
            double mu = schedule.Mu(t), std = schedule.Std(t);
            Assert.InRange(mu, 0, 1);
            Assert.True(mu <= previousMu && std >= previousStd, $"{name} not monotone at t = {t}");
            previousMu = mu;
            previousStd = std;
        }

        // Strictly over the interior: the schedule really moves.
        Assert.True(schedule.Mu(0.3) > schedule.Mu(0.6));
        Assert.True(schedule.Std(0.3) < schedule.Std(0.6));
    }

    [Theory]
    [InlineData("arctan")]
    [InlineData("cosine")]
    public void BetaIsMinusTwiceTheLogDerivativeOfMu(string name)
    {
        INoiseSchedule schedule = NoiseSchedules.Create(name);
        Assert.True(schedule.SupportsSde);
        foreach (double t in new[] { 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99 })
        {
            const double h = 1e-6;
            double numeric = -2 * (Math.Log(schedule.Mu(t + h)) - Math.Log(schedule.Mu(t - h))) / (2 * h);
            Assert.True(Math.Abs(schedule.Beta(t) - numeric) <= 1e-4 * Math.Max(1, numeric), $"{name} β({t}) = {schedule.Beta(t)}, numeric {numeric}");
        }
    }

    [Fact]
    public void ArctanBetaMatchesTheSpecFormula()
    {
        var schedule = new ArctanSchedule();
        foreach (double t in new[] { 0.0, 0.01, 0.5, 0.99, 1.0 })
        {
            double c = Math.Min(Math.Max(t, 0.0005), 0.9995);
            double sigmaBar = (((200 / 1.5) - 1) * (2 / Math.PI) * Math.Atan(Math.Sqrt(c / (1 - c)) / 9)) + 1;
            double expected = 4 * ((200 / 1.5) - 1) * 9 / (Math.PI * ((81 * (1 - c)) + c) * Math.Sqrt(c * (1 - c)) * sigmaBar);
            Assert.Equal(expected, schedule.Beta(t), 9);
        }
    }

    [Theory]
    [InlineData("cosine-sd")]
    [InlineData("sqrt")]
    [InlineData("tess")]
    public void SchedulesWithoutBetaSaySo(string name)
    {
        INoiseSchedule schedule = NoiseSchedules.Create(name);
        Assert.False(schedule.SupportsSde);
        Assert.Throws<NotSupportedException>(() => schedule.Beta(0.5));
    }

    [Fact]
    public void PriorScalesFollowTheSpec()
    {
        Assert.Equal(0.7, new ArctanSchedule(new ArctanParameters { Delta = 0.7 }).PriorScale);
        Assert.Equal(3.0, new TessSchedule(new TessParameters { K = 3 }).PriorScale);
        Assert.Equal(1.0, new CosineSdSchedule().PriorScale);
        Assert.Equal(1.0, new SqrtSchedule().PriorScale);
        Assert.Equal(1.0, new CosineSchedule().PriorScale);
        Assert.Equal(0.7 * Math.Sqrt(1 - Math.Pow(new ArctanSchedule().SigmaBar(0.5), -4)), new ArctanSchedule(new ArctanParameters { Delta = 0.7 }).Std(0.5), 12);
    }

    [Fact]
    public void BadParametersNameTheArgument()
    {
        Assert.Equal("d", Assert.ThrowsAny<ArgumentException>(() => new ArctanSchedule(new ArctanParameters { D = 0 })).ParamName);
        Assert.Equal("delta", Assert.ThrowsAny<ArgumentException>(() => new ArctanSchedule(new ArctanParameters { Delta = -0.1 })).ParamName);
        Assert.Equal("sigmaMin", Assert.ThrowsAny<ArgumentException>(() => new ArctanSchedule(new ArctanParameters { SigmaMin = 0 })).ParamName);
        Assert.Equal("sigmaMax", Assert.ThrowsAny<ArgumentException>(() => new ArctanSchedule(new ArctanParameters { SigmaMin = 2, SigmaMax = 2 })).ParamName);
        Assert.Equal("sigmaMax", Assert.ThrowsAny<ArgumentException>(() => new ArctanSchedule(new ArctanParameters { SigmaMax = double.PositiveInfinity })).ParamName);
        Assert.Equal("d", Assert.ThrowsAny<ArgumentException>(() => new CosineSdSchedule(new CosineSdParameters { D = double.NaN })).ParamName);
        Assert.Equal("beta0", Assert.ThrowsAny<ArgumentException>(() => new CosineSchedule(new CosineParameters { Beta0 = -1 })).ParamName);
        Assert.Equal("beta1", Assert.ThrowsAny<ArgumentException>(() => new CosineSchedule(new CosineParameters { Beta0 = 5, Beta1 = 1 })).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => new TessSchedule(new TessParameters { K = 0 })).ParamName);
        Assert.Equal("t", Assert.ThrowsAny<ArgumentException>(() => new SqrtSchedule().Mu(1.5)).ParamName);
        Assert.Equal("t", Assert.ThrowsAny<ArgumentException>(() => new ArctanSchedule().Std(-0.1)).ParamName);
        Assert.Equal("t", Assert.ThrowsAny<ArgumentException>(() => new ArctanSchedule().Mu(torch.zeros(2, ScalarType.Int64))).ParamName);
    }

    [Fact]
    public void FactoryCreatesByNameWithParametersAndRejectsUnknowns()
    {
        var arctan = Assert.IsType<ArctanSchedule>(NoiseSchedules.Create("Arctan", new Dictionary<string, double> { ["delta"] = 0.5, ["sigmamax"] = 100 }));
        Assert.Equal(0.5, arctan.Delta);
        Assert.Equal(100, arctan.SigmaMax);
        Assert.IsType<CosineSdSchedule>(NoiseSchedules.Create("cosine_sd"));
        Assert.Equal(3, Assert.IsType<TessSchedule>(NoiseSchedules.Create("tess", new Dictionary<string, double> { ["k"] = 3 })).K);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => NoiseSchedules.Create("linear")).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => NoiseSchedules.Create("sqrt", new Dictionary<string, double> { ["k"] = 1 })).ParamName);
        Assert.Equal("k", Assert.ThrowsAny<ArgumentException>(() => NoiseSchedules.Create("tess", new Dictionary<string, double> { ["k"] = -1 })).ParamName);
    }

    [Property(MaxTest = 200)]
    public bool Property_TensorOverloadsEqualScalarsAndValuesAreInRange(int seed, byte which)
    {
        var random = new Random(seed);
        double t = random.NextDouble();
        INoiseSchedule schedule = NoiseSchedules.Create(NoiseSchedules.Names[which % NoiseSchedules.Names.Count]);
        using var scope = NewDisposeScope();
        Tensor times = torch.tensor(new[] { t, 1 - t }, ScalarType.Float64);
        float[] mu = schedule.Mu(times).data<float>().ToArray();
        float[] std = schedule.Std(times).data<float>().ToArray();
        return Math.Abs(mu[0] - schedule.Mu(t)) < 1e-6
            && Math.Abs(std[0] - schedule.Std(t)) < 1e-5
            && Math.Abs(mu[1] - schedule.Mu(1 - t)) < 1e-6
            && schedule.Mu(t) is >= 0 and <= 1
            && schedule.Std(t) >= 0
            && schedule.Mu(Math.Min(t, 1 - t)) >= schedule.Mu(Math.Max(t, 1 - t));
    }
}
