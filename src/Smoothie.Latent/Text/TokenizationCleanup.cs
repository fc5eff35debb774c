namespace Smoothie.Latent.Text;

/// <summary>
/// Hugging Face's <c>clean_up_tokenization</c>: removes the spaces that word-level detokenization leaves before
/// punctuation and English contractions (<c>"hello , world ."</c> → <c>"hello, world."</c>).
/// </summary>
public static class TokenizationCleanup
{
    private static readonly (string From, string To)[] Replacements =
    [
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
        (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ];

    /// <summary>Applies the replacements in Hugging Face's order.</summary>
    /// <param name="text">Space-joined tokens.</param>
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach ((string from, string to) in Replacements)
        {
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        return text;
    }
}
