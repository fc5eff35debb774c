using System.Globalization;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Cli;

/// <summary>
/// The warnings <c>generate</c> prints to standard error for inputs the model cannot represent: too many tokens unknown to
/// its vocabulary (<c>[UNK]</c>), or too many it never learned to write (outside its sub-vocabulary).
/// </summary>
internal static class InputCoverageWarnings
{
    /// <summary>Warn when more than this share of an input's tokens are <c>[UNK]</c>.</summary>
    public const double UnknownShareThreshold = 0.2;

    /// <summary>
    /// Warn when more than this share of an input's tokens lie outside the sub-vocabulary. Higher than the [UNK] threshold:
    /// sources of the training domain have such tokens too (archaic words the model rewrites; on the 1,000 KJV validation
    /// verses the shipped model's share is 2.8 % on average and at most 21 %).
    /// </summary>
    public const double OutsideVocabularyShareThreshold = 0.5;

    /// <summary>The warning for one input, or null when the model can represent it.</summary>
    /// <param name="coverage">What the model can represent of the input.</param>
    /// <param name="label">Names the input in the message (e.g. "input 3"), or null when there is one input.</param>
    public static string? For(InputCoverage coverage, string? label)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        string prefix = label is null ? "warning: " : $"warning: {label}: ";
        if (coverage.UnknownTokenShare > UnknownShareThreshold)
        {
            return prefix + string.Create(
                CultureInfo.InvariantCulture,
                $"{Percent(coverage.UnknownTokenShare)} % of the input's tokens are unknown to this model's vocabulary ({coverage.UnknownTokens} of {coverage.Tokens} are [UNK]; the warning threshold is {Percent(UnknownShareThreshold)} %); the output will not be meaningful.");
        }

        if (coverage.OutsideVocabularyShare > OutsideVocabularyShareThreshold)
        {
            return prefix + string.Create(
                CultureInfo.InvariantCulture,
                $"{Percent(coverage.OutsideVocabularyShare)} % of the input's tokens are words this model never learned to write ({coverage.OutsideVocabularyTokens} of {coverage.Tokens} are outside its sub-vocabulary; the warning threshold is {Percent(OutsideVocabularyShareThreshold)} %); the output will not be meaningful.");
        }

        return null;
    }

    /// <summary>Writes the warnings of every input that needs one.</summary>
    /// <param name="results">The results, in input order.</param>
    /// <param name="error">Where to write (standard error).</param>
    public static void Write(IReadOnlyList<GenerationResult> results, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(error);
        for (int i = 0; i < results.Count; i++)
        {
            if (For(results[i].Input, results.Count == 1 ? null : $"input {i + 1}") is { } warning)
            {
                error.WriteLine(warning);
            }
        }
    }

    private static int Percent(double share) => (int)Math.Round(share * 100, MidpointRounding.AwayFromZero);
}
