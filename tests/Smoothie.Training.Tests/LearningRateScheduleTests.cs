using Smoothie.Training.Optimization;

namespace Smoothie.Training.Tests;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void WarmupIsLinearFromInitialToPeakThenConstant()
    {
        var schedule = new LearningRateSchedule(peakRate: 2e-4, warmupSteps: 100, initialRate: 1e-8);
        Assert.Equal(1e-8, schedule.RateAt(0), 15);
        Assert.Equal(1e-8 + ((2e-4 - 1e-8) * 0.5), schedule.RateAt(50), 15);
        Assert.Equal(2e-4, schedule.RateAt(100), 15);
        Assert.Equal(2e-4, schedule.RateAt(1_000_000), 15);
    }

    [Fact]
    public void CosineDecaysToTheMinimumAtTheLastStep()
    {
        var schedule = new LearningRateSchedule(1e-3, 10, LearningRateDecay.Cosine, totalSteps: 110, minimumRate: 1e-5);
        Assert.Equal(1e-3, schedule.RateAt(10), 12);
        Assert.Equal(1e-5 + (0.5 * (1e-3 - 1e-5)), schedule.RateAt(60), 12);
        Assert.Equal(1e-5, schedule.RateAt(110), 12);
        Assert.Equal(1e-5, schedule.RateAt(500), 12);
        for (long s = 11; s <= 110; s++)
        {
            Assert.True(schedule.RateAt(s) <= schedule.RateAt(s - 1));
        }
    }

    [Theory]
    [InlineData(0.0, "peakRate")]
    [InlineData(-1.0, "peakRate")]
    [InlineData(double.NaN, "peakRate")]
    public void InvalidPeakRateNamesTheArgument(double peak, string name)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new LearningRateSchedule(peak, 10));
        Assert.Equal(name, e.ParamName);
    }

    [Fact]
    public void NegativeWarmupIsRejected()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new LearningRateSchedule(1e-3, -1));
        Assert.Equal("warmupSteps", e.ParamName);
    }
}
