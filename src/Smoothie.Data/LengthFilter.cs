namespace Smoothie.Data;

/// <summary>Keeps the pairs whose source and target token counts are within <see cref="LengthLimits"/>, reporting what was dropped.</summary>
public static class LengthFilter
{
    /// <summary>Counts whitespace-separated words (the default token counter).</summary>
    public static int CountWhitespaceWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int count = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }

        return count;
    }

    /// <summary>Filters <paramref name="pairs"/> by token counts.</summary>
    /// <param name="pairs">The pairs to filter.</param>
    /// <param name="limits">Inclusive bounds on source and target token counts.</param>
    /// <param name="countTokens">Counts the tokens of a text (for example a WordPiece tokenizer's count without special tokens);
    /// null counts whitespace-separated words.</param>
    /// <exception cref="ArgumentException">The limits are inconsistent.</exception>
    public static LengthFilterResult Apply(IEnumerable<Seq2SeqPair> pairs, LengthLimits limits, Func<string, int>? countTokens = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        countTokens ??= CountWhitespaceWords;
        var kept = new List<Seq2SeqPair>();
        int sourceTooLong = 0, targetTooLong = 0, tooShort = 0;
        foreach (Seq2SeqPair pair in pairs)
        {
            int sourceTokens = countTokens(pair.Source);
            int targetTokens = countTokens(pair.Target);
            if (sourceTokens > limits.MaxSourceTokens)
            {
                sourceTooLong++;
            }
            else if (targetTokens > limits.MaxTargetTokens)
            {
                targetTooLong++;
            }
            else if (sourceTokens < limits.MinSourceTokens || targetTokens < limits.MinTargetTokens)
            {
                tooShort++;
            }
            else
            {
                kept.Add(pair);
            }
        }

        return new LengthFilterResult(kept, sourceTooLong, targetTooLong, tooShort);
    }
}
