using System.Text.Json;
using System.Text.Json.Serialization;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// Reads and writes a schedule's typed parameter record as one JSON object, its name first:
/// <c>{"name": …, "d": 9, "delta": 1, "sigmaMin": 1.06, "sigmaMax": 141.4}</c> for the Arctan schedule (names:
/// <see cref="NoiseSchedules.Names"/>). Missing parameters take the
/// record's defaults; an unknown name or parameter is an error naming it.
/// </summary>
internal sealed class ScheduleParametersJsonConverter : JsonConverter<NoiseScheduleParameters>
{
    /// <summary>The property that holds the schedule's name.</summary>
    public const string NameProperty = "name";

    public override bool CanConvert(Type typeToConvert) => typeof(NoiseScheduleParameters).IsAssignableFrom(typeToConvert);

    public override NoiseScheduleParameters Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"schedule must be an object such as {{\"{NameProperty}\": \"{NoiseSchedules.Arctan}\", \"d\": 9}}; got {reader.TokenType}.");
        }

        string? name = null;
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            reader.Read();
            if (string.Equals(key, NameProperty, StringComparison.OrdinalIgnoreCase))
            {
                name = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException($"schedule.{NameProperty} must be a string ({string.Join(", ", NoiseSchedules.Names)}).");
            }
            else
            {
                values[key] = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw new JsonException($"schedule.{key} must be a number; got {reader.TokenType}.");
            }
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new JsonException($"schedule.{NameProperty} is missing; expected one of {string.Join(", ", NoiseSchedules.Names)}.");
        }

        try
        {
            return NoiseScheduleParameters.FromDictionary(name, values);
        }
        catch (ArgumentException e)
        {
            throw new JsonException("schedule: " + e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, NoiseScheduleParameters value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(NameProperty, value.ScheduleName);
        foreach ((string key, double parameter) in value.ToDictionary())
        {
            writer.WriteNumber(key, parameter);
        }

        writer.WriteEndObject();
    }
}
