using System.Text.Encodings.Web;
using System.Text.Json;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Cli;

/// <summary>
/// <c>generate --json</c>: one JSON object per input, on one line —
/// <c>{"input": …, "output": …, "coverage": {"tokens", "unknownTokens", "outsideVocabularyTokens", "unknownTokenShare", "outsideVocabularyShare"}}</c>
/// (<see cref="InputCoverage"/>). Text is written as UTF-8 characters, not <c>\u</c> escapes, except where JSON requires them.
/// </summary>
internal static class GenerationJsonLines
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The lines for <paramref name="results"/>, in input order.</summary>
    /// <param name="inputs">The source texts.</param>
    /// <param name="results">Their results (same count).</param>
    public static IReadOnlyList<string> Format(IReadOnlyList<string> inputs, IReadOnlyList<GenerationResult> results)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(results);
        if (inputs.Count != results.Count)
        {
            throw new ArgumentException($"Got {results.Count} results for {inputs.Count} inputs.", nameof(results));
        }

        return inputs.Select((input, i) => Line(input, results[i])).ToList();
    }

    private static string Line(string input, GenerationResult result)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("input", input);
            writer.WriteString("output", result.Text);
            writer.WriteStartObject("coverage");
            writer.WriteNumber("tokens", result.Input.Tokens);
            writer.WriteNumber("unknownTokens", result.Input.UnknownTokens);
            writer.WriteNumber("outsideVocabularyTokens", result.Input.OutsideVocabularyTokens);
            writer.WriteNumber("unknownTokenShare", Math.Round(result.Input.UnknownTokenShare, 4));
            writer.WriteNumber("outsideVocabularyShare", Math.Round(result.Input.OutsideVocabularyShare, 4));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
