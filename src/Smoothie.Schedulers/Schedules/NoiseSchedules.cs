namespace Smoothie.Schedulers.Schedules;

/// <summary>
/// The registry of noise schedules: each schedule's name (the one place it is spelled), its parameter record's defaults
/// (<see cref="NoiseScheduleParameters"/>, whose <see cref="NoiseScheduleParameters.CreateSchedule"/> is the factory), and
/// creation by name for configuration files and command lines.
/// </summary>
public static class NoiseSchedules
{
    /// <summary>Smoothie's schedule (<see cref="ArctanSchedule"/>, <see cref="ArctanParameters"/>).</summary>
    public const string Arctan = "arctan";

    /// <summary>The embedding-diffusion baseline's schedule (<see cref="CosineSdSchedule"/>, <see cref="CosineSdParameters"/>).</summary>
    public const string CosineSd = "cosine-sd";

    /// <summary>Diffusion-LM's schedule (<see cref="SqrtSchedule"/>, <see cref="SqrtParameters"/>).</summary>
    public const string Sqrt = "sqrt";

    /// <summary>The VP cosine schedule (<see cref="CosineSchedule"/>, <see cref="CosineParameters"/>).</summary>
    public const string Cosine = "cosine";

    /// <summary>The TESS simplex schedule (<see cref="TessSchedule"/>, <see cref="TessParameters"/>).</summary>
    public const string Tess = "tess";

    /// <summary>The known names: <c>arctan</c>, <c>cosine-sd</c>, <c>sqrt</c>, <c>cosine</c>, <c>tess</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [Arctan, CosineSd, Sqrt, Cosine, Tess];

    /// <summary>
    /// The defaults of a schedule by name (case-insensitive, <c>_</c> read as <c>-</c>; <c>cosinesd</c> also accepted),
    /// or null for an unknown name.
    /// </summary>
    /// <param name="name">A name from <see cref="Names"/>.</param>
    public static NoiseScheduleParameters? Find(string? name) => name?.Trim().ToLowerInvariant().Replace('_', '-') switch
    {
        Arctan => ArctanParameters.Paper,
        CosineSd or "cosinesd" => CosineSdParameters.Default,
        Sqrt => SqrtParameters.Default,
        Cosine => CosineParameters.Default,
        Tess => TessParameters.Default,
        _ => null,
    };

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
