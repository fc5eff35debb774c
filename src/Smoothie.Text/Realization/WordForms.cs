using Smoothie.Text.Baselines;

namespace Smoothie.Text.Realization;

/// <summary>
/// Whether a generated word is a form of the source word it stands for (its inflection or spelling) rather than another
/// word: what tells the model's rewrite of an unseen archaic form ("longed" for "longedst") from a guess ("Enoch" for
/// "Clement") in the <see cref="LookupGuard"/>.
/// </summary>
internal static class WordForms
{
    /// <summary>
    /// Whether two words (compared lower-cased) are forms of one word: they share their first four letters (or the shorter
    /// word whole), or differ in at most a third of the longer word's letters (edit distance: "Paddan" for "Padan").
    /// </summary>
    public static bool AreFormsOfOneWord(string first, string second)
    {
        string a = LookupText.Lower(first);
        string b = LookupText.Lower(second);
        int common = 0;
        while (common < a.Length && common < b.Length && a[common] == b[common])
        {
            common++;
        }

        return common >= Math.Min(4, Math.Min(a.Length, b.Length)) || 3 * EditDistance(a, b) <= Math.Max(a.Length, b.Length);
    }

    /// <summary>The Levenshtein distance of two strings (insertions, deletions and substitutions of one character).</summary>
    public static int EditDistance(string a, string b)
    {
        int[] row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
