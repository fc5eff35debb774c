namespace Smoothie.Data;

/// <summary>The tabular text formats that <see cref="Seq2SeqReader"/> and <see cref="Seq2SeqWriter"/> understand.</summary>
public enum TextFileFormat
{
    /// <summary>Tab-separated values with a header row; no quoting (a field may not contain a tab or a line break).</summary>
    Tsv,

    /// <summary>Comma-separated values with a header row and RFC 4180 quoting (<c>"a, ""b"""</c>; quoted fields may span lines).</summary>
    Csv,

    /// <summary>JSON Lines: one JSON object per line; columns are the object's property names.</summary>
    Jsonl,
}
