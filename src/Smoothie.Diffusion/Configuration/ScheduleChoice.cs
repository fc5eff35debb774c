using System.Globalization;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// The schedule a <see cref="SmoothieBuilder"/> was given — by name with the parameters given, or proposed by the latent
/// space — and how it meets the space's σ_min (k): written into the schedule's record when it has the parameter, into
/// <see cref="PipelineConfiguration.SpaceSigmaMin"/> (<see cref="PipelineConfiguration.SpaceK"/>) otherwise.
/// </summary>
internal sealed class ScheduleChoice
{
    private NoiseScheduleParameters? record = ArctanParameters.Paper;
    private bool recordGivesShared;
    private string name = NoiseSchedules.Arctan;
    private Dictionary<string, double> values = [];
    private string? chosenBy;

    /// <summary>Chooses a typed schedule; <paramref name="withoutShared"/> leaves σ_min and k to the space.</summary>
    /// <exception cref="InvalidOperationException">A schedule was already chosen.</exception>
    public void Choose(NoiseScheduleParameters parameters, string by, bool withoutShared)
    {
        ChooseOnce(by);
        (record, recordGivesShared, name, values, chosenBy) = (parameters, !withoutShared, parameters.ScheduleName, [], by);
    }

    /// <summary>Chooses a schedule by name with the parameters given (checked by <see cref="Apply"/>).</summary>
    /// <exception cref="InvalidOperationException">A schedule was already chosen.</exception>
    public void Choose(string scheduleName, Dictionary<string, double> given, string by)
    {
        ChooseOnce(by);
        (record, recordGivesShared, name, values, chosenBy) = (null, false, scheduleName, given, by);
    }

    /// <summary>A latent space's own schedule, taken unless one was chosen explicitly.</summary>
    public void Propose(NoiseScheduleParameters defaults)
    {
        if (chosenBy is null)
        {
            (record, recordGivesShared, name, values) = (defaults, false, defaults.ScheduleName, []);
        }
    }

    private void ChooseOnce(string by)
    {
        if (chosenBy is { } earlier)
        {
            throw new InvalidOperationException(
                $"{by} would replace the '{name}' schedule chosen by {earlier}; choose the schedule once (UseDistanceSpace(DistanceSettings) chooses the Arctan schedule with its σ's).");
        }
    }

    /// <summary>
    /// The configuration with the chosen schedule's typed parameters, σ_min (k) of the distance (simplex) space written
    /// into the schedule's record when it has the parameter and into <see cref="PipelineConfiguration.SpaceSigmaMin"/>
    /// (<see cref="PipelineConfiguration.SpaceK"/>) otherwise. Adds to <paramref name="problems"/> an unknown schedule or
    /// parameter, and a schedule σ_min (k) that differs from the space's.
    /// </summary>
    public PipelineConfiguration Apply(PipelineConfiguration configuration, double? sigmaMin, double? simplexK, List<string>? problems)
    {
        NoiseScheduleParameters schedule = record ?? Named(problems);

        (double? spaceSigmaMin, double? spaceK) = (null, null);
        if (configuration.Latent == LatentSpaceKind.Distance && sigmaMin is { } s)
        {
            ConflictWithSpace(problems, schedule is ArctanParameters, "sigmaMin", s, "UseDistanceSpace(sigmaMin)");
            if (schedule is ArctanParameters arctan)
            {
                schedule = arctan with { SigmaMin = s };
            }
            else
            {
                spaceSigmaMin = s;
            }
        }

        if (configuration.Latent == LatentSpaceKind.Simplex && simplexK is { } k)
        {
            ConflictWithSpace(problems, schedule is TessParameters, "k", k, "UseSimplexSpace(k)");
            if (schedule is TessParameters tess)
            {
                schedule = tess with { K = k };
            }
            else
            {
                spaceK = k;
            }
        }

        return configuration with { ScheduleParameters = schedule, SpaceSigmaMin = spaceSigmaMin, SpaceK = spaceK };
    }

    /// <summary>The schedule chosen by name, its parameters read (an unknown name or parameter is a problem).</summary>
    private NoiseScheduleParameters Named(List<string>? problems)
    {
        try
        {
            return NoiseScheduleParameters.FromDictionary(name, values);
        }
        catch (ArgumentException e)
        {
            problems?.Add(NoiseSchedules.Find(name) is null
                ? $"schedule '{name}' is unknown; expected one of {string.Join(", ", NoiseSchedules.Names)}."
                : $"{chosenBy}: {e.Message}");
            return NoiseSchedules.Find(name) ?? ArctanParameters.Paper;
        }
    }

    /// <summary>A schedule parameter given with another value than the space's, which owns it.</summary>
    private void ConflictWithSpace(List<string>? problems, bool shared, string parameter, double spaceValue, string spaceCall)
    {
        Dictionary<string, double> given = record is null ? values : recordGivesShared ? record.ToDictionary() : [];
        if (shared && given.FirstOrDefault(p => string.Equals(p.Key, parameter, StringComparison.OrdinalIgnoreCase)) is { Key: not null } value && value.Value != spaceValue)
        {
            problems?.Add(string.Create(CultureInfo.InvariantCulture,
                $"{chosenBy} gives the {name} schedule {parameter} {value.Value}, but {spaceCall} gives the space {spaceValue}: the space and the schedule share one {parameter}. Give it once, to {spaceCall}."));
        }
    }
}
