using Smoothie.Text.Baselines;

namespace Smoothie.Text.Realization;

/// <summary>
/// Tells a truncated word from a modernised one: the model sometimes writes only the first piece of a source word
/// ("loud" for "louder", "tar" for "tarried", "shut" for "shutting", "she" for "shew"), which is a word of its own and so
/// not invented. An output word is taken for a truncation of the source word it is aligned to when it is a proper
/// beginning of that word (at least two letters), is not the lookup's prediction for it, and the rest of the source word
/// is not an ending the lookup learned to drop: endings that at least <see cref="MinimumEndingCount"/> of the lookup's
/// rewrites drop ("camest" → "came", "cherubims" → "cherubim", "goeth" keeps its "go" for "eth") are modernisations, not
/// truncations. Everything is learned from the lookup's table; no word list is written by hand.
/// </summary>
public sealed class TruncatedWords
{
    /// <summary>How many of the lookup's rewrites must drop an ending for it to count as learned (3).</summary>
    public const int MinimumEndingCount = 3;

    private readonly WordLookupBaseline lookup;
    private readonly Dictionary<string, int> droppedEndings;

    /// <summary>Learns which word endings the lookup drops.</summary>
    /// <param name="lookup">The learned lookup.</param>
    public TruncatedWords(WordLookupBaseline lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        this.lookup = lookup;
        droppedEndings = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((string key, string? replacement) in lookup.Entries)
        {
            string word = LookupText.Lower(key);
            string? rewrite = replacement is null ? null : LookupText.Lower(replacement.Trim());
            if (rewrite is { Length: > 0 } && !rewrite.Contains(' ', StringComparison.Ordinal) && rewrite.Length < word.Length && word.StartsWith(rewrite, StringComparison.Ordinal))
            {
                string ending = word[rewrite.Length..];
                droppedEndings[ending] = droppedEndings.GetValueOrDefault(ending) + 1;
            }
        }
    }

    /// <summary>How many of the lookup's one-word rewrites drop <paramref name="ending"/> ("est" for "camest" → "came").</summary>
    /// <param name="ending">A lower-case word ending.</param>
    public int DroppedEndingCount(string ending)
    {
        ArgumentNullException.ThrowIfNull(ending);
        return droppedEndings.GetValueOrDefault(ending);
    }

    /// <summary>Whether output word <paramref name="outputWord"/> is a truncation of source token <paramref name="i"/>.</summary>
    /// <param name="outputWord">An output word.</param>
    /// <param name="source">The source's tokens.</param>
    /// <param name="i">The index of the source token the output word is aligned to.</param>
    /// <param name="inContext">Whether the lookup's prediction is read in context.</param>
    internal bool IsTruncation(string outputWord, IReadOnlyList<LookupToken> source, int i, bool inContext)
    {
        string word = LookupText.Lower(outputWord);
        string sourceWord = LookupText.Lower(source[i].Text);
        return source[i].IsWord && word.Length >= 2 && word.Length < sourceWord.Length
            && sourceWord.StartsWith(word, StringComparison.Ordinal)
            && droppedEndings.GetValueOrDefault(sourceWord[word.Length..]) < MinimumEndingCount
            && lookup.PredictedFirstWord(source, i, inContext) != word;
    }
}
