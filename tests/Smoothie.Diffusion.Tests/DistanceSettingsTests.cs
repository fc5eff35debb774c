using Smoothie.Diffusion.Configuration;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.Tests;

public class DistanceSettingsTests
{
    [Fact]
    public void PaperIsTheArticlesSettingsAndScalingTo768KeepsIt()
    {
        Assert.Equal(new DistanceSettings(1.5, 200, 9, 1), DistanceSettings.Paper);
        Assert.Equal(ArctanParameters.Paper, DistanceSettings.Paper.ToArctanParameters());
        Assert.Equal(DistanceSettings.Paper, DistanceSettings.ScaledToDimension(768));
    }

    [Fact]
    public void ScaledToMiniLmDividesBothSigmasBySqrtTwo()
    {
        DistanceSettings scaled = DistanceSettings.ScaledToDimension(384);
        Assert.Equal(1.06, scaled.SigmaMin);
        Assert.Equal(141.4, scaled.SigmaMax);
        Assert.Equal(9, scaled.D);
        Assert.Equal(1, scaled.Delta);
        Assert.Equal(scaled, DistanceSettings.ByName(" Scaled ", 384));
        Assert.Equal(new ArctanParameters { D = 9, Delta = 1, SigmaMin = 1.06, SigmaMax = 141.4 }, scaled.ToArctanParameters());
    }

    [Fact]
    public void BadNamesAndWidthsAreRejected()
    {
        Assert.Contains("paper or scaled", Assert.Throws<ArgumentException>(() => DistanceSettings.ByName("bert", 384)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DistanceSettings.ScaledToDimension(0));
    }

    [Fact]
    public void BuilderUseDistanceSpaceWithSettingsSetsSigmaMinAndTheArctanSchedule()
    {
        PipelineConfiguration configuration = SmoothieBuilder.Create().UseDistanceSpace(DistanceSettings.ScaledToDimension(384)).Configuration;
        Assert.Equal(1.06, configuration.SigmaMin);
        Assert.Equal("arctan", configuration.Schedule);
        Assert.Equal(141.4, Assert.IsType<ArctanParameters>(configuration.ScheduleParameters).SigmaMax);
        Assert.Empty(configuration.Problems());
    }
}
