namespace Smoothie.Schedulers.Schedules;

/// <summary>Creates noise schedules by name (configuration files, command lines).</summary>
public static class NoiseSchedules
{
    /// <summary>The known names: <c>arctan</c>, <c>cosine-sd</c>, <c>sqrt</c>, <c>cosine</c>, <c>tess</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["arctan", "cosine-sd", "sqrt", "cosine", "tess"];

    /// <summary>
    /// Creates a schedule by name with optional parameters (case-insensitive keys): arctan — <c>d</c>, <c>delta</c>,
    /// <c>sigmaMin</c>, <c>sigmaMax</c>; cosine-sd — <c>d</c>; cosine — <c>beta0</c>, <c>beta1</c>; tess — <c>k</c>;
    /// sqrt — none. Missing parameters take the paper defaults.
    /// </summary>
    /// <param name="name">A name from <see cref="Names"/> (case-insensitive; <c>cosinesd</c> and <c>cosine_sd</c> also accepted).</param>
    /// <param name="parameters">Parameter overrides, or null.</param>
    /// <exception cref="ArgumentException">Unknown name, unknown parameter, or a parameter out of range.</exception>
    public static INoiseSchedule Create(string name, IReadOnlyDictionary<string, double>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in parameters ?? new Dictionary<string, double>())
        {
            values[pair.Key] = pair.Value;
        }

        string key = name.Trim().ToLowerInvariant().Replace('_', '-');
        INoiseSchedule schedule = key switch
        {
            "arctan" => new ArctanSchedule(
                Take(values, "d", 9), Take(values, "delta", 1.0), Take(values, "sigmaMin", 1.5), Take(values, "sigmaMax", 200)),
            "cosine-sd" or "cosinesd" => new CosineSdSchedule(Take(values, "d", 9)),
            "sqrt" => new SqrtSchedule(),
            "cosine" => new CosineSchedule(Take(values, "beta0", 0.1), Take(values, "beta1", 20)),
            "tess" => new TessSchedule(Take(values, "k", 5)),
            _ => throw new ArgumentException(
                $"Unknown noise schedule '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };

        if (values.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown parameter(s) {string.Join(", ", values.Keys)} for the '{schedule.Name}' schedule.", nameof(parameters));
        }

        return schedule;
    }

    private static double Take(Dictionary<string, double> values, string key, double fallback) =>
        values.Remove(key, out double value) ? value : fallback;
}
