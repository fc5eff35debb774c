namespace Smoothie.Schedulers.Schedules;

/// <summary>The sqrt schedule, which has no hyper-parameters (its offset is the constant <see cref="SqrtSchedule.Offset"/>).</summary>
public sealed record SqrtParameters : NoiseScheduleParameters
{
    /// <summary>The only value.</summary>
    public static SqrtParameters Default { get; } = new();

    /// <inheritdoc/>
    public override string ScheduleName => NoiseSchedules.Sqrt;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterProblem> Problems() => [];

    /// <inheritdoc/>
    public override Dictionary<string, double> ToDictionary() => [];

    /// <inheritdoc/>
    public override INoiseSchedule CreateSchedule() => new SqrtSchedule();

    /// <inheritdoc/>
    private protected override NoiseScheduleParameters With(Dictionary<string, double> values) => this;
}
