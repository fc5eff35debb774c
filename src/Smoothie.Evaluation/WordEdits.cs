namespace Smoothie.Evaluation;

/// <summary>
/// Word-level edits from a source to a target text, as grammatical-error-correction scorers (M2, ERRANT) count them.
/// Texts are split into words (runs of letters and digits with inner apostrophes; case kept) and single punctuation
/// characters. The two token sequences are aligned by a longest common subsequence (a minimum-edit alignment that
/// only inserts and deletes, so identical tokens are always matched rather than substituted); ties are broken the same
/// way for every pair by matching equal tokens as early as possible and deleting before inserting. Every run of
/// unmatched tokens between two matched ones becomes one edit: the unmatched source tokens <c>[Start, End)</c> are
/// replaced by the unmatched target tokens.
/// </summary>
public static class WordEdits
{
    /// <summary>The words (case kept) and punctuation tokens of a text; white space separates and is dropped.</summary>
    /// <param name="text">A text.</param>
    public static string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReaderWords.Tokens(text);
    }

    /// <summary>The edits that turn <paramref name="source"/> into <paramref name="target"/>, both tokenized with <see cref="Tokenize"/>.</summary>
    /// <param name="source">The source text.</param>
    /// <param name="target">The edited text (an output or a reference).</param>
    public static IReadOnlyList<WordEdit> Extract(string source, string target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return Extract(Tokenize(source), Tokenize(target));
    }

    /// <summary>The edits that turn the <paramref name="source"/> tokens into the <paramref name="target"/> tokens, in source order.</summary>
    /// <param name="source">The source tokens.</param>
    /// <param name="target">The target tokens.</param>
    public static IReadOnlyList<WordEdit> Extract(IReadOnlyList<string> source, IReadOnlyList<string> target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        int n = source.Count, m = target.Count;

        // suffix[i, j] = LCS length of source[i..] and target[j..], stored row-major in (n + 1) x (m + 1).
        var suffix = new int[(n + 1) * (m + 1)];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                suffix[(i * (m + 1)) + j] = string.Equals(source[i], target[j], StringComparison.Ordinal)
                    ? suffix[((i + 1) * (m + 1)) + j + 1] + 1
                    : Math.Max(suffix[((i + 1) * (m + 1)) + j], suffix[(i * (m + 1)) + j + 1]);
            }
        }

        var edits = new List<WordEdit>();
        int editStart = 0, replacementStart = 0, si = 0, ti = 0;
        while (si < n || ti < m)
        {
            if (si < n && ti < m && string.Equals(source[si], target[ti], StringComparison.Ordinal))
            {
                AddEdit(edits, target, editStart, si, replacementStart, ti);
                si++;
                ti++;
                editStart = si;
                replacementStart = ti;
            }
            else if (ti == m || (si < n && suffix[((si + 1) * (m + 1)) + ti] >= suffix[(si * (m + 1)) + ti + 1]))
            {
                si++;
            }
            else
            {
                ti++;
            }
        }

        AddEdit(edits, target, editStart, n, replacementStart, m);
        return edits;
    }

    private static void AddEdit(List<WordEdit> edits, IReadOnlyList<string> target, int start, int end, int replacementStart, int replacementEnd)
    {
        if (start < end || replacementStart < replacementEnd)
        {
            var replacement = new string[replacementEnd - replacementStart];
            for (int k = 0; k < replacement.Length; k++)
            {
                replacement[k] = target[replacementStart + k];
            }

            edits.Add(new WordEdit(start, end, replacement));
        }
    }
}
