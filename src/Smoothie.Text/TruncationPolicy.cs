namespace Smoothie.Text;

/// <summary>What a <see cref="ITextCodec"/> does with a text longer than the requested sequence length.</summary>
public enum TruncationPolicy
{
    /// <summary>Keep the first tokens that fit (the end token is always kept) and record the cut in <see cref="TruncationRecord"/>.</summary>
    TruncateAndRecord,

    /// <summary>Throw an <see cref="ArgumentException"/> naming the text's token count and the length.</summary>
    Throw,
}
