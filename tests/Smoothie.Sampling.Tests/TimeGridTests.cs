using Smoothie.Sampling.Solvers;

namespace Smoothie.Sampling.Tests;

/// <summary>The sampler's time grid, with and without a start time (SDEdit-style editing).</summary>
public sealed class TimeGridTests
{
    [Theory]
    [InlineData(1.0, 0.0, 200)]
    [InlineData(1.0, 0.001, 50)]
    [InlineData(0.7, 0.0, 7)]
    [InlineData(0.35, 0.05, 13)]
    [InlineData(0.9, 0.1, 1)]
    public void ATimeGridWithAStartTimeEqualsTheOldInlineGrid(double start, double end, int steps)
    {
        var grid = new TimeGrid(steps, end, start);
        Assert.Equal((steps, start, end, steps + 1), (grid.Steps, grid.StartTime, grid.EndTime, grid.Count));

        // The sampler's former inline formula, for every time it reads (t_0 .. t_{N−1}); the last lands exactly on the end.
        for (int k = 0; k < steps; k++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(start - ((start - end) * k / steps)), BitConverter.DoubleToInt64Bits(grid[k]));
        }

        Assert.Equal(end, grid[steps]);
        Assert.Equal(start, grid[0]);
    }

    [Fact]
    public void WithoutAStartTimeTheGridIsTheFormerOneFromOne()
    {
        foreach (double end in new[] { 0.0, 0.2, 0.001 })
        {
            var grid = new TimeGrid(37, end);
            for (int k = 0; k < 37; k++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(1 - ((1 - end) * k / 37)), BitConverter.DoubleToInt64Bits(grid[k]));
            }

            Assert.Equal(1.0, grid.StartTime);
        }
    }

    [Fact]
    public void AStartTimeOutsideTheEndTimeAndOneIsRejected()
    {
        Assert.Equal("startTime", Assert.ThrowsAny<ArgumentException>(() => new TimeGrid(5, 0.2, 0.2)).ParamName);
        Assert.Equal("startTime", Assert.ThrowsAny<ArgumentException>(() => new TimeGrid(5, 0, 1.01)).ParamName);
        Assert.Equal("startTime", Assert.ThrowsAny<ArgumentException>(() => new TimeGrid(5, 0, double.NaN)).ParamName);
        Assert.Equal(4, new TimeGrid(4, 0.2, 0.6).StepPairs().Count());
        Assert.Equal((0.6, 0.5), new TimeGrid(4, 0.2, 0.6).StepPairs().Select(p => (Math.Round(p.T, 12), Math.Round(p.TNext, 12))).First());
    }
}
