namespace Smoothie.Text.Baselines;

/// <summary>
/// The lookup in context writes before a word's rewrite the words the targets insert there (<see cref="WordPrefixCounter"/>):
/// "Joktan begat Almodad" → "Joktan became the father of Almodad", "over Jordan" → "over the Jordan".
/// </summary>
public sealed partial class WordLookupBaseline
{
    /// <summary>
    /// Adds to <paramref name="output"/> the prefix learned for token <paramref name="i"/> (<see cref="Prefix"/>) when the
    /// token's <paramref name="rewrite"/> begins with the word's own prediction (a context that writes another word has its
    /// own reasons) and the output does not already end with the prefix ("and begat" → "and became the" in context).
    /// The rewrite's first token then follows the prefix after a space.
    /// </summary>
    private void InsertPrefix(List<LookupToken> output, IReadOnlyList<LookupToken> tokens, int i, List<LookupToken> rewrite, double minimumShare)
    {
        if (rewrite.Count == 0 || !rewrite[0].IsWord || LookupText.Lower(rewrite[0].Text) != PredictedFirstWord(tokens[i].Text)
            || Prefix(tokens, i, minimumShare) is not { } prefix)
        {
            return;
        }

        List<LookupToken> words = LookupText.Tokenize(prefix);
        if (output.Count >= words.Count
            && output.Skip(output.Count - words.Count).Select(t => LookupText.Lower(t.Text)).SequenceEqual(words.Select(t => LookupText.Lower(t.Text))))
        {
            return;
        }

        words[0] = words[0] with { SpaceBefore = rewrite[0].SpaceBefore };
        rewrite[0] = rewrite[0] with { SpaceBefore = true };
        output.AddRange(words);
    }

    /// <summary>
    /// The lower-cased words of the prefix the lookup in context writes before token <paramref name="i"/> when its rewrite
    /// begins with the word's own prediction (<see cref="InsertPrefix"/>), else none: what the <c>LookupGuard</c> aligns
    /// an output's "became the" with, so that it is not taken for the words around it.
    /// </summary>
    internal IReadOnlyList<string> PrefixWords(IReadOnlyList<LookupToken> tokens, int i, double minimumShare) =>
        Prefix(tokens, i, minimumShare) is { } prefix ? LookupText.Tokenize(prefix).Select(t => LookupText.Lower(t.Text)).ToArray() : [];

    /// <summary>
    /// The prefix learned for word <paramref name="i"/> when at least <paramref name="minimumShare"/> sure and the word does
    /// not begin a sentence (its capital would be the prefix's), else null.
    /// </summary>
    private string? Prefix(IReadOnlyList<LookupToken> tokens, int i, double minimumShare) =>
        i > 0 && !LookupText.StartsSentence(tokens[i - 1]) && tokens[i - 1].Text is not ("“" or "‘")
            && contexts.TryPrefix(tokens, i, out WordContextPrediction prefix) && prefix.Share >= minimumShare
            ? prefix.Replacement
            : null;
}
