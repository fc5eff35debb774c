using System.Text.Json;

namespace Smoothie.Data;

/// <summary>Writes <see cref="Seq2SeqPair"/>s as TSV, CSV (RFC 4180) or JSON Lines, readable again by <see cref="Seq2SeqReader"/>.</summary>
public static class Seq2SeqWriter
{
    /// <summary>Writes <paramref name="pairs"/> to <paramref name="path"/> (UTF-8, format from the extension).</summary>
    public static void WriteFile(string path, IEnumerable<Seq2SeqPair> pairs, string sourceColumn = "source", string targetColumn = "target", string? idColumn = null)
    {
        TextFileFormat format = TextFileFormats.FromPath(path);
        using var writer = new StreamWriter(path);
        Write(writer, format, pairs, sourceColumn, targetColumn, idColumn);
    }

    /// <summary>Writes <paramref name="pairs"/> with a header row (TSV, CSV) or one object per line (JSON Lines).</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="format">The format.</param>
    /// <param name="pairs">The pairs.</param>
    /// <param name="sourceColumn">The column name of the source text.</param>
    /// <param name="targetColumn">The column name of the target text.</param>
    /// <param name="idColumn">When not null, the ids are written in this column (a null id is written as an empty string).</param>
    /// <exception cref="ArgumentException">For TSV, a value contains a tab or a line break, which TSV cannot represent.</exception>
    public static void Write(
        TextWriter writer, TextFileFormat format, IEnumerable<Seq2SeqPair> pairs, string sourceColumn = "source", string targetColumn = "target", string? idColumn = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(pairs);
        string[] header = idColumn is null ? [sourceColumn, targetColumn] : [sourceColumn, targetColumn, idColumn];
        switch (format)
        {
            case TextFileFormat.Tsv:
                writer.Write(string.Join('\t', header.Select(h => CheckTsv(h, nameof(sourceColumn)))) + "\n");
                foreach (Seq2SeqPair pair in pairs)
                {
                    writer.Write(string.Join('\t', Values(pair, idColumn).Select(v => CheckTsv(v, nameof(pairs)))) + "\n");
                }

                break;
            case TextFileFormat.Csv:
                writer.Write(string.Join(',', header.Select(QuoteCsv)) + "\r\n");
                foreach (Seq2SeqPair pair in pairs)
                {
                    writer.Write(string.Join(',', Values(pair, idColumn).Select(QuoteCsv)) + "\r\n");
                }

                break;
            case TextFileFormat.Jsonl:
                foreach (Seq2SeqPair pair in pairs)
                {
                    var record = new Dictionary<string, string> { [sourceColumn] = pair.Source, [targetColumn] = pair.Target };
                    if (idColumn is not null)
                    {
                        record[idColumn] = pair.Id ?? string.Empty;
                    }

                    writer.Write(JsonSerializer.Serialize(record) + "\n");
                }

                break;
            default:
                throw new ArgumentException($"Unknown format {format}; expected Tsv, Csv or Jsonl.", nameof(format));
        }
    }

    private static string[] Values(Seq2SeqPair pair, string? idColumn) =>
        idColumn is null ? [pair.Source, pair.Target] : [pair.Source, pair.Target, pair.Id ?? string.Empty];

    private static string CheckTsv(string value, string parameterName)
    {
        if (value.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
        {
            throw new ArgumentException(
                $"TSV cannot hold a value containing a tab or a line break: '{value}'. Use CSV or JSON Lines instead.", parameterName);
        }

        return value;
    }

    private static string QuoteCsv(string value)
    {
        bool needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value.Length > 0 && (value[0] == ' ' || value[^1] == ' ');
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
