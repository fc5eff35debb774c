namespace Smoothie.Schedulers.Schedules;

/// <summary>The CosineSD schedule's hyper-parameter, the owner of its default (d 9) and range.</summary>
public sealed record CosineSdParameters : NoiseScheduleParameters
{
    /// <summary>The default value.</summary>
    public static CosineSdParameters Default { get; } = new();

    /// <summary>Scale d &gt; 0.</summary>
    public double D { get; init; } = 9;

    /// <inheritdoc/>
    public override string ScheduleName => NoiseSchedules.CosineSd;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterProblem> Problems()
    {
        var problems = new List<ParameterProblem>();
        RequirePositive(problems, "d", D);
        return problems;
    }

    /// <inheritdoc/>
    public override Dictionary<string, double> ToDictionary() => new() { ["d"] = D };

    /// <inheritdoc/>
    public override INoiseSchedule CreateSchedule() => new CosineSdSchedule(this);

    /// <inheritdoc/>
    private protected override NoiseScheduleParameters With(Dictionary<string, double> values) => this with { D = Take(values, "d", D) };
}
