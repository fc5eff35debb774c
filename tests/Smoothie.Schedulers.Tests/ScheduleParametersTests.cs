using Smoothie.Schedulers.Schedules;

namespace Smoothie.Schedulers.Tests;

/// <summary>The typed schedule parameters: one owner of each default and range, and the name/value form files use.</summary>
public sealed class ScheduleParametersTests
{
    [Theory]
    [InlineData("arctan", "d=9,delta=1,sigmaMin=1.5,sigmaMax=200")]
    [InlineData("cosine-sd", "d=9")]
    [InlineData("sqrt", "")]
    [InlineData("cosine", "beta0=0.1,beta1=20")]
    [InlineData("tess", "k=5")]
    public void DefaultsAreThePapersAndEveryParameterIsNamed(string name, string expected)
    {
        NoiseScheduleParameters defaults = NoiseScheduleParameters.Defaults(name);
        Assert.Equal(name, defaults.ScheduleName);
        Assert.Equal(expected, string.Join(",", defaults.ToDictionary().Select(p => $"{p.Key}={p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
        Assert.Empty(defaults.Problems());
        Assert.Equal(name, defaults.CreateSchedule().Name);
    }

    [Fact]
    public void ReadingFillsMissingValuesWithDefaultsAndWritingGivesThemAllBack()
    {
        var arctan = Assert.IsType<ArctanParameters>(NoiseScheduleParameters.FromDictionary("Arctan", new Dictionary<string, double> { ["SIGMAMAX"] = 100, ["delta"] = 0.5 }));
        Assert.Equal(ArctanParameters.Paper with { SigmaMax = 100, Delta = 0.5 }, arctan);
        Assert.Equal(arctan, NoiseScheduleParameters.FromDictionary("arctan", arctan.ToDictionary()));
        Assert.Equal(arctan, Assert.IsType<ArctanSchedule>(arctan.CreateSchedule()).Parameters);
        Assert.Equal(new TessParameters { K = 3 }, NoiseScheduleParameters.FromDictionary("tess", new Dictionary<string, double> { ["k"] = 3 }));
    }

    [Fact]
    public void UnknownNamesAndParametersAreRejectedNamingWhatExists()
    {
        var e = Assert.Throws<ArgumentException>(() => NoiseScheduleParameters.FromDictionary("cosine", new Dictionary<string, double> { ["gamma"] = 1 }));
        Assert.Equal("values", e.ParamName);
        Assert.Contains("Unknown parameter(s) gamma for the 'cosine' schedule; it has beta0, beta1", e.Message);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => NoiseScheduleParameters.Defaults("linear")).ParamName);
    }

    [Fact]
    public void RangesAreCheckedByTheRecordsAndNameTheParameter()
    {
        Assert.Equal(
            ["sigmaMin = 0: must be a positive finite number"],
            new ArctanParameters { SigmaMin = 0 }.Problems().Select(p => p.ToString()));
        Assert.Equal(
            ["sigmaMax = 2: must exceed sigmaMin (3)"],
            new ArctanParameters { SigmaMin = 3, SigmaMax = 2 }.Problems().Select(p => p.ToString()));
        Assert.Equal(["beta1"], new CosineParameters { Beta0 = 5, Beta1 = 1 }.Problems().Select(p => p.Parameter));
        Assert.Equal(["d"], new CosineSdParameters { D = -1 }.Problems().Select(p => p.Parameter));
        Assert.Equal(["k"], new TessParameters { K = double.NaN }.Problems().Select(p => p.Parameter));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ArctanParameters { Delta = -1 }.Validate());
        Assert.Equal("delta", e.ParamName);
        Assert.Contains("arctan schedule: delta must be a finite number ≥ 0", e.Message);
    }
}
