namespace Smoothie.Text;

/// <summary>
/// Removes the spaces that word-level detokenization leaves around punctuation. <see cref="DetokenizationCleanup.HuggingFace"/>
/// is exactly Hugging Face's <c>clean_up_tokenization</c> (<c>"hello , world ."</c> → <c>"hello, world."</c>, contractions
/// such as <c>"don ' t"</c> → <c>"don't"</c>); <see cref="DetokenizationCleanup.Punctuation"/> additionally joins
/// <c>:</c>, <c>;</c> and brackets (<c>"light : and"</c> → <c>"light: and"</c>, <c>"( see )"</c> → <c>"(see)"</c>).
/// </summary>
public static class TokenizationCleanup
{
    private static readonly (string From, string To)[] HuggingFaceReplacements =
    [
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
        (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ];

    private static readonly (string From, string To)[] PunctuationReplacements =
    [
        (" :", ":"), (" ;", ";"), ("( ", "("), (" )", ")"), ("[ ", "["), (" ]", "]"),
    ];

    /// <summary>Applies a cleanup style to space-joined tokens.</summary>
    /// <param name="text">Space-joined tokens.</param>
    /// <param name="style">Which replacements to apply.</param>
    public static string Apply(string text, DetokenizationCleanup style = DetokenizationCleanup.HuggingFace)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (style == DetokenizationCleanup.None)
        {
            return text;
        }

        foreach ((string from, string to) in HuggingFaceReplacements)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        if (style == DetokenizationCleanup.Punctuation)
        {
            foreach ((string from, string to) in PunctuationReplacements)
            {
                text = text.Replace(from, to, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
