using System.Globalization;

namespace Smoothie.Schedulers.Schedules;

/// <summary>
/// The hyper-parameters of one noise schedule, typed: the one place that defines each parameter's default and checks its
/// range. <see cref="ArctanParameters"/>, <see cref="CosineSdParameters"/>, <see cref="SqrtParameters"/>,
/// <see cref="CosineParameters"/> and <see cref="TessParameters"/>; <see cref="FromDictionary"/> reads the name/value
/// form of configuration files and command lines, <see cref="ToDictionary"/> writes it.
/// </summary>
public abstract record NoiseScheduleParameters
{
    private protected NoiseScheduleParameters()
    {
    }

    /// <summary>The schedule's name (<c>arctan</c>, <c>cosine-sd</c>, <c>sqrt</c>, <c>cosine</c> or <c>tess</c>).</summary>
    public abstract string ScheduleName { get; }

    /// <summary>Every parameter out of range (empty when valid).</summary>
    public abstract IReadOnlyList<ParameterProblem> Problems();

    /// <summary>Every parameter by its name (as in <c>pipeline.json</c>: <c>d</c>, <c>delta</c>, <c>sigmaMin</c>, …).</summary>
    public abstract Dictionary<string, double> ToDictionary();

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range (its name is the exception's ParamName).</exception>
    public abstract INoiseSchedule CreateSchedule();

    /// <summary>Throws for the first problem of <see cref="Problems"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range (its name is the exception's ParamName).</exception>
    public void Validate()
    {
        if (Problems() is [var first, ..])
        {
            throw new ArgumentOutOfRangeException(first.Parameter, first.Value, $"{ScheduleName} schedule: {first.Parameter} {first.Requirement}.");
        }
    }

    /// <summary>The defaults of a schedule by name (case-insensitive; <c>cosinesd</c> and <c>cosine_sd</c> also accepted).</summary>
    /// <param name="name">A name from <see cref="NoiseSchedules.Names"/>.</param>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static NoiseScheduleParameters Defaults(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return NoiseSchedules.Find(name)
            ?? throw new ArgumentException($"Unknown noise schedule '{name}'; expected one of {string.Join(", ", NoiseSchedules.Names)}.", nameof(name));
    }

    /// <summary>
    /// Reads parameters by name (case-insensitive keys); missing ones take the defaults. Does not check ranges (see
    /// <see cref="Problems"/>).
    /// </summary>
    /// <param name="name">The schedule's name.</param>
    /// <param name="values">Parameter values by name, or null for the defaults.</param>
    /// <exception cref="ArgumentException">Unknown name (ParamName <c>name</c>) or a parameter the schedule does not have (ParamName <c>values</c>).</exception>
    public static NoiseScheduleParameters FromDictionary(string name, IReadOnlyDictionary<string, double>? values)
    {
        NoiseScheduleParameters defaults = Defaults(name);
        var remaining = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in values ?? new Dictionary<string, double>())
        {
            remaining[pair.Key] = pair.Value;
        }

        NoiseScheduleParameters result = defaults.With(remaining);
        if (remaining.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown parameter(s) {string.Join(", ", remaining.Keys)} for the '{defaults.ScheduleName}' schedule; it has {(defaults.ToDictionary().Count == 0 ? "none" : string.Join(", ", defaults.ToDictionary().Keys))}.",
                nameof(values));
        }

        return result;
    }

    /// <summary>A copy with the parameters named in <paramref name="values"/> taken (and removed) from it.</summary>
    private protected abstract NoiseScheduleParameters With(Dictionary<string, double> values);

    private protected static double Take(Dictionary<string, double> values, string key, double current) =>
        values.Remove(key, out double value) ? value : current;

    private protected static void RequirePositive(List<ParameterProblem> problems, string name, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            problems.Add(new ParameterProblem(name, value, "must be a positive finite number"));
        }
    }

    private protected static void RequireNonNegative(List<ParameterProblem> problems, string name, double value)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            problems.Add(new ParameterProblem(name, value, "must be a finite number ≥ 0"));
        }
    }

    private protected static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
