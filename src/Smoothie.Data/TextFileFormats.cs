namespace Smoothie.Data;

/// <summary>Chooses a <see cref="TextFileFormat"/> from a file name.</summary>
public static class TextFileFormats
{
    /// <summary>
    /// The format implied by the extension of <paramref name="path"/>: <c>.tsv</c>/<c>.tab</c> → TSV, <c>.csv</c> → CSV,
    /// <c>.jsonl</c>/<c>.ndjson</c> → JSON Lines.
    /// </summary>
    /// <exception cref="ArgumentException">The extension is none of these.</exception>
    public static TextFileFormat FromPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".tsv" or ".tab" => TextFileFormat.Tsv,
            ".csv" => TextFileFormat.Csv,
            ".jsonl" or ".ndjson" => TextFileFormat.Jsonl,
            _ => throw new ArgumentException(
                $"Cannot tell the format of '{path}' from its extension '{extension}'; expected .tsv, .tab, .csv, .jsonl or .ndjson.",
                nameof(path)),
        };
    }
}
