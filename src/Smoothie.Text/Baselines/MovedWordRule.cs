namespace Smoothie.Text.Baselines;

/// <summary>
/// The in-context lookup's guard against words the targets moved: the edit-distance alignment records a moved word as a
/// deletion, and a context learns it ("me not" → "me" from "let me not fall" → "don’t let me fall").
/// </summary>
internal static class MovedWordRule
{
    /// <summary>
    /// Whether a context prediction of word <paramref name="i"/> may stand: anything but the deletion of a word (its
    /// replacement by quotation marks alone counts as one unless the word's own prediction deletes it: "Fear not" →
    /// "“not", the trace of "“Don’t be afraid", while "? And he said" → "?” He said" loses no word); a
    /// deletion next to the text's edge or next to a neighbour that is itself changed (its surest prediction is not a copy:
    /// "the LORD" → "Yahweh", "did not" → "didn’t", "it came to pass"); or a deletion whose other neighbour is rewritten
    /// into words, or is a punctuation mark deleted ("which are round about him" → "which are around him",
    /// "Beth-lehem" → "Bethlehem"). A deletion next to copied neighbours is the trace of a word the targets moved ("let
    /// me not fall" → "don’t let me fall", "the word of the LORD came" → "Yahweh’s word came"); taking it loses the word
    /// ("let me fall", "the word of came").
    /// </summary>
    /// <param name="tokens">The source tokens.</param>
    /// <param name="i">The word's index.</param>
    /// <param name="prediction">Its prediction next to one neighbour.</param>
    /// <param name="isAfter">Whether that neighbour is the token after it (else before).</param>
    /// <param name="predicted">What token j's surest prediction writes, or null when it copies the token.</param>
    /// <param name="ownDeletes">Whether the word's own prediction (out of context) deletes it.</param>
    public static bool ContextMayStand(IReadOnlyList<LookupToken> tokens, int i, WordContextPrediction prediction, bool isAfter, Func<int, string?> predicted, bool ownDeletes = false)
    {
        if (prediction.Replacement is not { } replacement || !tokens[i].IsWord
            || (replacement.Length > 0 && (ownDeletes || !LookupText.Tokenize(replacement).All(t => t.Text is "“" or "”" or "‘" or "’" or "\"" or "'"))))
        {
            return true;
        }

        int neighbour = isAfter ? i + 1 : i - 1;
        int other = isAfter ? i - 1 : i + 1;
        if (neighbour < 0 || neighbour >= tokens.Count || predicted(neighbour) is not null)
        {
            return true;
        }

        return other >= 0 && other < tokens.Count
            && predicted(other) is { } rewrite && (tokens[other].IsWord ? rewrite.Trim().Length > 0 : rewrite.Length == 0);
    }
}
