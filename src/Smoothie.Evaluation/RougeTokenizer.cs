using System.Text;

namespace Smoothie.Evaluation;

/// <summary>
/// rouge_score's default tokenization: lowercase, replace every run of characters outside <c>[a-z0-9]</c> by a space,
/// split on whitespace. No stemming (rouge_score's default <c>use_stemmer=False</c>; the Porter stemmer is not implemented).
/// </summary>
public static class RougeTokenizer
{
    /// <summary>The tokens of <paramref name="text"/>.</summary>
    public static string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string lower = text.ToLowerInvariant();
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (char c in lower)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                current.Append(c);
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens.ToArray();
    }
}
