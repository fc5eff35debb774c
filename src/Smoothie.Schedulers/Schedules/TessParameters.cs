namespace Smoothie.Schedulers.Schedules;

/// <summary>
/// The TESS schedule's hyper-parameter, the owner of its default (k 5) and range. k is also the simplex latent space's
/// scale: a pipeline records it once, here, and the space reads it from this record.
/// </summary>
public sealed record TessParameters : NoiseScheduleParameters
{
    /// <summary>The default value.</summary>
    public static TessParameters Default { get; } = new();

    /// <summary>The simplex scale k &gt; 0.</summary>
    public double K { get; init; } = 5;

    /// <inheritdoc/>
    public override string ScheduleName => NoiseSchedules.Tess;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterProblem> Problems()
    {
        var problems = new List<ParameterProblem>();
        RequirePositive(problems, "k", K);
        return problems;
    }

    /// <inheritdoc/>
    public override Dictionary<string, double> ToDictionary() => new() { ["k"] = K };

    /// <inheritdoc/>
    public override INoiseSchedule CreateSchedule() => new TessSchedule(this);

    /// <inheritdoc/>
    private protected override NoiseScheduleParameters With(Dictionary<string, double> values) => this with { K = Take(values, "k", K) };
}
