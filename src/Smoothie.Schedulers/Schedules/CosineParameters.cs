namespace Smoothie.Schedulers.Schedules;

/// <summary>The VP cosine schedule's hyper-parameters, the owner of their defaults (β0 0.1, β1 20) and ranges.</summary>
public sealed record CosineParameters : NoiseScheduleParameters
{
    /// <summary>The default values.</summary>
    public static CosineParameters Default { get; } = new();

    /// <summary>β0 ≥ 0.</summary>
    public double Beta0 { get; init; } = 0.1;

    /// <summary>β1 &gt; β0.</summary>
    public double Beta1 { get; init; } = 20;

    /// <inheritdoc/>
    public override string ScheduleName => NoiseSchedules.Cosine;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterProblem> Problems()
    {
        var problems = new List<ParameterProblem>();
        RequireNonNegative(problems, "beta0", Beta0);
        RequirePositive(problems, "beta1", Beta1);
        if (problems.Count == 0 && !(Beta1 > Beta0))
        {
            problems.Add(new ParameterProblem("beta1", Beta1, $"must exceed beta0 ({Format(Beta0)})"));
        }

        return problems;
    }

    /// <inheritdoc/>
    public override Dictionary<string, double> ToDictionary() => new() { ["beta0"] = Beta0, ["beta1"] = Beta1 };

    /// <inheritdoc/>
    public override INoiseSchedule CreateSchedule() => new CosineSchedule(this);

    /// <inheritdoc/>
    private protected override NoiseScheduleParameters With(Dictionary<string, double> values) =>
        this with { Beta0 = Take(values, "beta0", Beta0), Beta1 = Take(values, "beta1", Beta1) };
}
