namespace Smoothie.Schedulers.Schedules;

/// <summary>Creates noise schedules by name (configuration files, command lines).</summary>
public static class NoiseSchedules
{
    /// <summary>The known names: <c>arctan</c>, <c>cosine-sd</c>, <c>sqrt</c>, <c>cosine</c>, <c>tess</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["arctan", "cosine-sd", "sqrt", "cosine", "tess"];

    /// <summary>
    /// Creates a schedule by name with optional parameters (case-insensitive keys): arctan — <c>d</c>, <c>delta</c>,
    /// <c>sigmaMin</c>, <c>sigmaMax</c>; cosine-sd — <c>d</c>; cosine — <c>beta0</c>, <c>beta1</c>; tess — <c>k</c>;
    /// sqrt — none. Missing parameters take their defaults (<see cref="NoiseScheduleParameters.FromDictionary"/>).
    /// </summary>
    /// <param name="name">A name from <see cref="Names"/> (case-insensitive; <c>cosinesd</c> and <c>cosine_sd</c> also accepted).</param>
    /// <param name="parameters">Parameter overrides, or null.</param>
    /// <exception cref="ArgumentException">Unknown name, unknown parameter, or a parameter out of range.</exception>
    public static INoiseSchedule Create(string name, IReadOnlyDictionary<string, double>? parameters = null)
    {
        NoiseScheduleParameters typed;
        try
        {
            typed = NoiseScheduleParameters.FromDictionary(name, parameters);
        }
        catch (ArgumentException e) when (e.ParamName == "values")
        {
            throw new ArgumentException(e.Message, nameof(parameters));
        }

        return typed.CreateSchedule();
    }
}
