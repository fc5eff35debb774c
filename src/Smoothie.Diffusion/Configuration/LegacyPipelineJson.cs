using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// Maps <c>pipeline.json</c> files of the first format — <c>"schedule"</c> a name, its parameters in a loose
/// <c>"scheduleParameters"</c> map, σ_min at the top level (<c>"sigmaMin"</c>) and k as <c>"simplexK"</c> — onto the
/// typed one: <c>"schedule": {"name": …, "sigmaMin": 1.06, …}</c>, with σ_min (k) in the schedule's record when
/// the schedule has it and in <c>spaceSigmaMin</c> (<c>spaceK</c>) otherwise. Those versions replaced a schedule σ_min
/// or k that differed from the space's by the space's, which is what the model was trained with: so does this, and
/// records the drop in the notes.
/// </summary>
internal static class LegacyPipelineJson
{
    private const string SigmaMin = "sigmaMin";
    private const string SimplexK = "simplexK";
    private const string ScheduleParameters = "scheduleParameters";
    private const string Schedule = "schedule";
    private static readonly string[] LegacyKeys = [SigmaMin, SimplexK, ScheduleParameters];

    /// <summary>The note that records a dropped schedule parameter.</summary>
    public const string IgnoredParameterNote = "ignoredScheduleParameter";

    /// <summary>Rewrites an old-format root in place (a new-format root is left as it is).</summary>
    /// <exception cref="JsonException">The old settings are malformed, or a new-format file also carries an old-format setting.</exception>
    public static void Upgrade(JsonObject root)
    {
        if (root[Schedule] is JsonObject)
        {
            RejectLegacySettings(root, "\"" + Schedule + "\" an object");
            return;
        }

        if (root[Schedule] is null && !LegacyKeys.Any(root.ContainsKey))
        {
            return;
        }

        try
        {
            Rewrite(root);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new JsonException($"the old-format settings {Schedule}, {ScheduleParameters}, {SigmaMin} and {SimplexK} must be a name, a map of numbers and two numbers: {e.Message}", e);
        }
    }

    /// <summary>Throws when a typed-format root also carries a setting of the old format.</summary>
    /// <param name="root">The root.</param>
    /// <param name="version">The format version the file declares.</param>
    /// <exception cref="JsonException">An old-format setting is present (the message names it and its new place).</exception>
    public static void RejectLegacySettings(JsonObject root, int version) =>
        RejectLegacySettings(root, string.Create(CultureInfo.InvariantCulture, $"formatVersion {version}"));

    private static void RejectLegacySettings(JsonObject root, string context)
    {
        if (LegacyKeys.FirstOrDefault(root.ContainsKey) is { } key)
        {
            throw new JsonException(
                $"'{key}' is a setting of the old format (a schedule name with a {ScheduleParameters} map); with {context}, σ_min is {Schedule}.sigmaMin (Arctan) or spaceSigmaMin, and k is {Schedule}.k (Tess) or spaceK.");
        }
    }

    private static void Rewrite(JsonObject root)
    {
        string name = root[Schedule]?.GetValue<string>() ?? NoiseSchedules.Arctan;
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, JsonNode? value) in root[ScheduleParameters]?.AsObject() ?? [])
        {
            values[key] = value?.GetValue<double>() ?? throw new InvalidOperationException($"{ScheduleParameters}.{key} is null.");
        }

        double sigmaMin = root[SigmaMin]?.GetValue<double>() ?? ArctanParameters.Paper.SigmaMin;
        double k = root[SimplexK]?.GetValue<double>() ?? TessParameters.Default.K;
        string latent = root["latent"]?.GetValue<string>() ?? LatentSpaceNames.Distance;
        (string? shared, double used, string owner) = NoiseSchedules.Find(name) switch
        {
            ArctanParameters => ("sigmaMin", sigmaMin, SigmaMin),
            TessParameters => ("k", k, SimplexK),
            _ => ((string?)null, 0.0, string.Empty),
        };
        if (shared is not null)
        {
            if (values.TryGetValue(shared, out double saved) && saved != used)
            {
                Note(root, string.Create(CultureInfo.InvariantCulture,
                    $"{ScheduleParameters}.{shared} {saved} was saved by an earlier version, which replaced it with {owner} {used}; the model was trained with {used}."));
            }

            values[shared] = used;
        }
        else if (latent == LatentSpaceNames.Distance && root.ContainsKey(SigmaMin))
        {
            root["spaceSigmaMin"] = sigmaMin;
        }
        else if (latent == LatentSpaceNames.Simplex && root.ContainsKey(SimplexK))
        {
            root["spaceK"] = k;
        }

        var schedule = new JsonObject { [ScheduleParametersJsonConverter.NameProperty] = name };
        foreach ((string key, double value) in values)
        {
            schedule[key] = value;
        }

        root[Schedule] = schedule;
        root.Remove(SigmaMin);
        root.Remove(SimplexK);
        root.Remove(ScheduleParameters);
    }

    private static void Note(JsonObject root, string text)
    {
        if (root["notes"] is not JsonObject notes)
        {
            notes = [];
            root["notes"] = notes;
        }

        notes[IgnoredParameterNote] = text;
    }
}
