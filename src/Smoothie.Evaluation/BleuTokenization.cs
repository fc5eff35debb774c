namespace Smoothie.Evaluation;

/// <summary>Tokenization applied by <see cref="Bleu"/> before counting n-grams.</summary>
public enum BleuTokenization
{
    /// <summary>sacreBLEU's default <c>13a</c> (mteval-v13a) tokenization: see <see cref="Tokenizer13a"/>.</summary>
    Tok13a,

    /// <summary>No tokenization (<c>none</c>): split on whitespace only.</summary>
    None,
}
