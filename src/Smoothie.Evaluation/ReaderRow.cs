namespace Smoothie.Evaluation;

/// <summary>The reader metrics of one row (source, output, reference), for printing examples and for resampling.</summary>
/// <param name="Index">The row's position in the inputs.</param>
/// <param name="SharedWords">Σ_w min(count in source, count in reference) over lower-cased words w.</param>
/// <param name="KeptWords">Σ_w min(shared(w), count in output).</param>
/// <param name="LostWords">The shared words the output dropped, lower-cased, once per lost occurrence, in source order.</param>
/// <param name="OutputWords">The number of words of the output.</param>
/// <param name="InventedWords">The output words (lower-cased, in output order, repeats kept) found neither in the target word list nor in the source.</param>
/// <param name="OutputEdits">The source → output word edits.</param>
/// <param name="ReferenceEdits">The source → reference word edits.</param>
/// <param name="Edits">The row's edit counts (output edits against reference edits).</param>
public sealed record ReaderRow(
    int Index,
    int SharedWords,
    int KeptWords,
    IReadOnlyList<string> LostWords,
    int OutputWords,
    IReadOnlyList<string> InventedWords,
    IReadOnlyList<WordEdit> OutputEdits,
    IReadOnlyList<WordEdit> ReferenceEdits,
    EditScore Edits)
{
    /// <summary>Whether the output lost at least one word that source and reference share.</summary>
    public bool LostAny => KeptWords < SharedWords;

    /// <summary>Whether the output invented at least one word.</summary>
    public bool InventedAny => InventedWords.Count > 0;

    /// <summary>Whether the row loses no shared word and invents none.</summary>
    public bool IsClean => !LostAny && !InventedAny;
}
