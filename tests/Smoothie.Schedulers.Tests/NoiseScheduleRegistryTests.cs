using Smoothie.Schedulers.Schedules;

namespace Smoothie.Schedulers.Tests;

/// <summary>Issue 26 item 3: each schedule's name is spelled once, in <see cref="NoiseSchedules"/>, and ties its record to its schedule.</summary>
public sealed class NoiseScheduleRegistryTests
{
    [Fact]
    public void EveryRegisteredNameFindsTheRecordAndScheduleOfThatName()
    {
        Assert.Equal([NoiseSchedules.Arctan, NoiseSchedules.CosineSd, NoiseSchedules.Sqrt, NoiseSchedules.Cosine, NoiseSchedules.Tess], NoiseSchedules.Names);
        foreach (string name in NoiseSchedules.Names)
        {
            NoiseScheduleParameters defaults = Assert.IsAssignableFrom<NoiseScheduleParameters>(NoiseSchedules.Find(name));
            Assert.Equal(name, defaults.ScheduleName);
            Assert.Equal(name, defaults.CreateSchedule().Name);
            Assert.Same(defaults, NoiseSchedules.Find(name.ToUpperInvariant().Replace('-', '_')));
        }

        Assert.Null(NoiseSchedules.Find("linear"));
        Assert.Null(NoiseSchedules.Find(null));
    }
}
