namespace Smoothie.Schedulers.Schedules;

/// <summary>
/// The Arctan schedule's hyper-parameters, the owner of their defaults (the paper's, <see cref="Paper"/>: the initial
/// value of each property) and of their ranges. σ_min is also the distance latent space's width: a pipeline records it once, here, and the space reads it from this record.
/// </summary>
public sealed record ArctanParameters : NoiseScheduleParameters
{
    /// <summary>The paper's values.</summary>
    public static ArctanParameters Paper { get; } = new();

    /// <summary>Time-warp scale d &gt; 0.</summary>
    public double D { get; init; } = 9;

    /// <summary>Noise scale δ ≥ 0 (lower = more fluent, higher = more diverse).</summary>
    public double Delta { get; init; } = 1;

    /// <summary>σ_min &gt; 0: the width of the clean distance latent.</summary>
    public double SigmaMin { get; init; } = 1.5;

    /// <summary>σ_max &gt; σ_min: the width the smoothing reaches at t = 1.</summary>
    public double SigmaMax { get; init; } = 200;

    /// <inheritdoc/>
    public override string ScheduleName => NoiseSchedules.Arctan;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterProblem> Problems()
    {
        var problems = new List<ParameterProblem>();
        RequirePositive(problems, "d", D);
        RequireNonNegative(problems, "delta", Delta);
        RequirePositive(problems, "sigmaMin", SigmaMin);
        RequirePositive(problems, "sigmaMax", SigmaMax);
        if (problems.Count == 0 && !(SigmaMax > SigmaMin))
        {
            problems.Add(new ParameterProblem("sigmaMax", SigmaMax, $"must exceed sigmaMin ({Format(SigmaMin)})"));
        }

        return problems;
    }

    /// <inheritdoc/>
    public override Dictionary<string, double> ToDictionary() => new() { ["d"] = D, ["delta"] = Delta, ["sigmaMin"] = SigmaMin, ["sigmaMax"] = SigmaMax };

    /// <inheritdoc/>
    public override INoiseSchedule CreateSchedule() => new ArctanSchedule(this);

    /// <inheritdoc/>
    private protected override NoiseScheduleParameters With(Dictionary<string, double> values) => this with
    {
        D = Take(values, "d", D),
        Delta = Take(values, "delta", Delta),
        SigmaMin = Take(values, "sigmaMin", SigmaMin),
        SigmaMax = Take(values, "sigmaMax", SigmaMax),
    };
}
