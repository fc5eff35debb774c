namespace Smoothie.Data;

/// <summary>Reads <see cref="Seq2SeqPair"/>s from TSV, CSV or JSON Lines files, selecting the columns by name.</summary>
public static class Seq2SeqReader
{
    /// <summary>Reads the pairs of a file whose format is given by its extension (see <see cref="TextFileFormats.FromPath"/>).</summary>
    /// <param name="path">The file to read: UTF-8 (a byte-order mark is allowed) or UTF-16 with a byte-order mark; LF or CRLF line ends.</param>
    /// <param name="sourceColumn">The column holding the source text.</param>
    /// <param name="targetColumn">The column holding the target text.</param>
    /// <param name="idColumn">An optional column holding an identifier.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="MissingColumnException">A column is missing; the message lists the available ones.</exception>
    /// <exception cref="DataFormatException">The file is not UTF-8 text, or a record is malformed; the message carries the line number.</exception>
    public static IReadOnlyList<Seq2SeqPair> ReadFile(string path, string sourceColumn, string targetColumn, string? idColumn = null)
    {
        TextFileFormat format = TextFileFormats.FromPath(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The data file '{path}' does not exist.", path);
        }

        using var reader = new StringReader(Utf8TextFile.ReadAllText(path));
        return Read(reader, format, sourceColumn, targetColumn, idColumn, path);
    }

    /// <summary>Reads the pairs of <paramref name="reader"/>.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="format">Its format.</param>
    /// <param name="sourceColumn">The column holding the source text.</param>
    /// <param name="targetColumn">The column holding the target text.</param>
    /// <param name="idColumn">An optional column holding an identifier.</param>
    /// <param name="sourceName">A file name for error messages.</param>
    /// <exception cref="MissingColumnException">A column is missing; the message lists the available ones.</exception>
    /// <exception cref="DataFormatException">A record is malformed; the message carries the line number.</exception>
    public static IReadOnlyList<Seq2SeqPair> Read(
        TextReader reader, TextFileFormat format, string sourceColumn, string targetColumn, string? idColumn = null, string? sourceName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetColumn);
        string[] columns = idColumn is null ? [sourceColumn, targetColumn] : [sourceColumn, targetColumn, idColumn];
        var pairs = new List<Seq2SeqPair>();
        foreach (TextTableRow row in TextTableReader.ReadColumns(reader, format, columns, sourceName))
        {
            pairs.Add(new Seq2SeqPair(row.Values[0], row.Values[1], idColumn is null ? null : row.Values[2]));
        }

        return pairs;
    }

    /// <summary>
    /// Reads a plain text file as one string per line (for hypothesis/reference files), keeping empty lines. The file is
    /// UTF-8 (a byte-order mark is allowed) or UTF-16 with a byte-order mark; LF, CRLF and CR line ends are all accepted.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not UTF-8 text; the message carries the line number.</exception>
    public static IReadOnlyList<string> ReadLines(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The text file '{path}' does not exist.", path);
        }

        var lines = new List<string>();
        using var reader = new StringReader(Utf8TextFile.ReadAllText(path));
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
