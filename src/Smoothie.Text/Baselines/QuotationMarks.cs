namespace Smoothie.Text.Baselines;

/// <summary>
/// Keeps a rewrite's double quotation marks readable. A KJV source has none, so a closing mark the targets write where
/// the source has a word ("? And he said" → "?” He said", learned from the WEB's closing quotes) stands in the rewrite
/// with no opening mark before it: "Are you Ziba?” he said". Such a mark is dropped, and the word after it then starts a
/// sentence as usual ("Are you Ziba? He said").
/// </summary>
internal static class QuotationMarks
{
    /// <summary>Removes every closing double quotation mark (”) that no opening one (“) before it leaves open; returns whether it removed one.</summary>
    /// <param name="tokens">The rewrite's tokens, changed in place.</param>
    public static bool DropUnopened(List<LookupToken> tokens)
    {
        int open = 0;
        bool removed = false;
        for (int i = 0; i < tokens.Count; i++)
        {
            string text = tokens[i].Text;
            if (text == "“")
            {
                open++;
            }
            else if (text == "”")
            {
                if (open > 0)
                {
                    open--;
                    continue;
                }

                tokens.RemoveAt(i);
                i--;
                removed = true;
            }
        }

        return removed;
    }
}
