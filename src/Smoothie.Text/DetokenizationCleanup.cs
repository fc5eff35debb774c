namespace Smoothie.Text;

/// <summary>How a word-level codec removes spaces around punctuation when decoding (see <see cref="TokenizationCleanup"/>).</summary>
public enum DetokenizationCleanup
{
    /// <summary>Tokens joined by single spaces, nothing removed.</summary>
    None,

    /// <summary>Exactly Hugging Face's <c>clean_up_tokenization</c> (. ? ! , and English contractions).</summary>
    HuggingFace,

    /// <summary>Hugging Face's cleanup plus <c>: ;</c> and brackets (the default: closest to the original text).</summary>
    Punctuation,
}
