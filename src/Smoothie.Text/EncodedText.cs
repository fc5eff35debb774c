namespace Smoothie.Text;

/// <summary>One text encoded to a fixed length.</summary>
/// <param name="Ids">Exactly the requested number of ids: <c>[start?] content… [end] [pad]…</c>.</param>
/// <param name="UsedLength">The number of non-padding positions (start + kept content + end).</param>
/// <param name="ContentTokens">The content token count before truncation.</param>
/// <param name="DroppedTokens">How many content tokens were cut to fit (0 when the text fitted).</param>
public sealed record EncodedText(int[] Ids, int UsedLength, int ContentTokens, int DroppedTokens)
{
    /// <summary>Whether content was cut to fit.</summary>
    public bool WasTruncated => DroppedTokens > 0;
}
