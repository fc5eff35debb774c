using System.Text.Json;

namespace Smoothie.Data;

/// <summary>Reads named columns from TSV, CSV (RFC 4180) or JSON Lines text.</summary>
public static class TextTableReader
{
    /// <summary>
    /// Reads the <paramref name="columns"/> of every record. TSV and CSV take column names from their first (header)
    /// row; JSON Lines take them from each object's properties (string values as they are, numbers and booleans as
    /// their JSON text). Blank lines are skipped.
    /// </summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="format">The format of the text.</param>
    /// <param name="columns">The column names to extract, at least one.</param>
    /// <param name="sourceName">A file name used in error messages.</param>
    /// <exception cref="MissingColumnException">A requested column is not in the header (or the first JSON object); the message lists the available columns.</exception>
    /// <exception cref="DataFormatException">A record is malformed; the message carries its line number.</exception>
    public static IEnumerable<TextTableRow> ReadColumns(TextReader reader, TextFileFormat format, IReadOnlyList<string> columns, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("At least one column name is required.", nameof(columns));
        }

        return format switch
        {
            TextFileFormat.Tsv => ReadDelimited(reader, '\t', quoted: false, columns, sourceName),
            TextFileFormat.Csv => ReadDelimited(reader, ',', quoted: true, columns, sourceName),
            TextFileFormat.Jsonl => ReadJsonLines(reader, columns, sourceName),
            _ => throw new ArgumentException($"Unknown format {format}; expected Tsv, Csv or Jsonl.", nameof(format)),
        };
    }

    /// <summary>Reads the header row of TSV or CSV text (the property names of the first object for JSON Lines).</summary>
    /// <exception cref="DataFormatException">The input is empty or its first JSON line is not an object.</exception>
    public static IReadOnlyList<string> ReadColumnNames(TextReader reader, TextFileFormat format, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (format == TextFileFormat.Jsonl)
        {
            int lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    using JsonDocument document = ParseObject(line, lineNumber, sourceName);
                    return document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
                }
            }

            throw new DataFormatException(sourceName, 1, "the input is empty; expected at least one JSON object.");
        }

        (char delimiter, bool quoted) = format == TextFileFormat.Csv ? (',', true) : ('\t', false);
        foreach (DelimitedRecord record in DelimitedRecordReader.Read(reader, delimiter, quoted, sourceName))
        {
            return record.Fields.Select(f => f.Trim()).ToArray();
        }

        throw new DataFormatException(sourceName, 1, "the input is empty; expected a header row with column names.");
    }

    private static IEnumerable<TextTableRow> ReadDelimited(TextReader reader, char delimiter, bool quoted, IReadOnlyList<string> columns, string? sourceName)
    {
        int[]? indices = null;
        int fieldCount = 0;
        foreach (DelimitedRecord record in DelimitedRecordReader.Read(reader, delimiter, quoted, sourceName))
        {
            if (indices is null)
            {
                string[] header = record.Fields.Select(f => f.Trim()).ToArray();
                fieldCount = header.Length;
                indices = new int[columns.Count];
                for (int i = 0; i < columns.Count; i++)
                {
                    indices[i] = Array.IndexOf(header, columns[i]);
                    if (indices[i] < 0)
                    {
                        throw new MissingColumnException(columns[i], header, nameof(columns), sourceName);
                    }

                    int again = Array.IndexOf(header, columns[i], indices[i] + 1);
                    if (again >= 0)
                    {
                        throw new DataFormatException(
                            sourceName, record.LineNumber, $"the header names column '{columns[i]}' twice (columns {indices[i] + 1} and {again + 1}); rename one so the column to read is unambiguous.");
                    }
                }

                continue;
            }

            if (record.Fields.Length != fieldCount)
            {
                string hint = delimiter == '\t'
                    ? "TSV fields cannot hold tabs or line breaks: remove them from the text, or use CSV, which can quote them."
                    : "a field that holds a comma or a line break must be in double quotes (RFC 4180).";
                throw new DataFormatException(
                    sourceName, record.LineNumber, $"expected {fieldCount} fields like the header, found {record.Fields.Length}; {hint}");
            }

            var values = new string[indices.Length];
            for (int i = 0; i < indices.Length; i++)
            {
                values[i] = record.Fields[indices[i]];
            }

            yield return new TextTableRow(record.LineNumber, values);
        }

        if (indices is null)
        {
            throw new DataFormatException(sourceName, 1, "the input is empty; expected a header row with column names.");
        }
    }

    private static IEnumerable<TextTableRow> ReadJsonLines(TextReader reader, IReadOnlyList<string> columns, string? sourceName)
    {
        int lineNumber = 0;
        bool first = true;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using JsonDocument document = ParseObject(line, lineNumber, sourceName);
            JsonElement root = document.RootElement;
            var values = new string[columns.Count];
            for (int i = 0; i < columns.Count; i++)
            {
                if (!root.TryGetProperty(columns[i], out JsonElement value))
                {
                    string[] available = root.EnumerateObject().Select(p => p.Name).ToArray();
                    if (first)
                    {
                        throw new MissingColumnException(columns[i], available, nameof(columns), sourceName);
                    }

                    throw new DataFormatException(
                        sourceName, lineNumber, $"the object has no property '{columns[i]}'; it has: {string.Join(", ", available.Select(a => $"'{a}'"))}.");
                }

                values[i] = value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                    _ => throw new DataFormatException(
                        sourceName, lineNumber, $"property '{columns[i]}' is {value.ValueKind}; expected a string, a number or a boolean."),
                };
            }

            first = false;
            yield return new TextTableRow(lineNumber, values);
        }
    }

    private static JsonDocument ParseObject(string line, int lineNumber, string? sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(sourceName, lineNumber, $"invalid JSON: {e.Message}", e);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            JsonValueKind kind = document.RootElement.ValueKind;
            document.Dispose();
            throw new DataFormatException(sourceName, lineNumber, $"expected a JSON object, found {kind}.");
        }

        return document;
    }
}
