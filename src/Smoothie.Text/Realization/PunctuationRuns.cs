using Smoothie.Text.Baselines;

namespace Smoothie.Text.Realization;

/// <summary>
/// Collapses two or more adjacent punctuation marks of a repaired text to the strongest of them: "the horsemen,." →
/// "the horsemen.", "Beersheba,., then" → "Beersheba. Then" (a model's comma where the source's word stood, followed by
/// the mark the guard keeps). Strength: , below : below ; below . ? ! (the first of equals stays).
/// </summary>
internal static class PunctuationRuns
{
    /// <summary>Collapses every run of adjacent marks in place; returns whether it removed one.</summary>
    /// <param name="tokens">The text's tokens.</param>
    public static bool Collapse(List<LookupToken> tokens)
    {
        bool changed = false;
        int i = 0;
        while (i + 1 < tokens.Count)
        {
            int first = Strength(tokens[i]);
            int second = Strength(tokens[i + 1]);
            if (first == 0 || second == 0)
            {
                i++;
                continue;
            }

            tokens.RemoveAt(second > first ? i : i + 1);
            changed = true;
        }

        return changed;
    }

    private static int Strength(LookupToken token) => token.IsWord ? 0 : token.Text switch
    {
        "," => 1,
        ":" => 2,
        ";" => 3,
        "." or "?" or "!" => 4,
        _ => 0,
    };
}
