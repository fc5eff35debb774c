using System.Text;

namespace Smoothie.Data;

/// <summary>One record of a delimited file and the 1-based line on which it starts.</summary>
internal readonly record struct DelimitedRecord(int LineNumber, string[] Fields);

/// <summary>
/// Splits TSV (no quoting) or CSV (RFC 4180: fields in double quotes may contain the delimiter, line breaks and
/// doubled quotes) into records, tracking line numbers for error messages.
/// </summary>
internal static class DelimitedRecordReader
{
    public static IEnumerable<DelimitedRecord> Read(TextReader reader, char delimiter, bool quoted, string? sourceName)
    {
        return quoted ? ReadQuoted(reader, delimiter, sourceName) : ReadPlain(reader, delimiter);
    }

    private static IEnumerable<DelimitedRecord> ReadPlain(TextReader reader, char delimiter)
    {
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            if (line.Length == 0)
            {
                continue;
            }

            yield return new DelimitedRecord(lineNumber, line.Split(delimiter));
        }
    }

    private static IEnumerable<DelimitedRecord> ReadQuoted(TextReader reader, char delimiter, string? sourceName)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int lineNumber = 1;
        int recordStart = 1;
        bool inQuotes = false;
        bool fieldWasQuoted = false;
        bool recordHasContent = false;
        bool first = true;

        while (true)
        {
            int read = reader.Read();
            if (first)
            {
                first = false;
                if (read == '\uFEFF')
                {
                    continue;
                }
            }

            if (read < 0)
            {
                if (inQuotes)
                {
                    throw new DataFormatException(sourceName, recordStart, "a quoted field is not closed before the end of the file.");
                }

                if (recordHasContent)
                {
                    fields.Add(field.ToString());
                    yield return new DelimitedRecord(recordStart, fields.ToArray());
                }

                yield break;
            }

            char c = (char)read;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        lineNumber++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == '"')
            {
                if (field.Length > 0 || fieldWasQuoted)
                {
                    throw new DataFormatException(
                        sourceName, lineNumber, "a double quote appears inside an unquoted field; quote the whole field and double the inner quotes (RFC 4180).");
                }

                inQuotes = true;
                fieldWasQuoted = true;
                recordHasContent = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldWasQuoted = false;
                recordHasContent = true;
            }
            else if (c == '\r' || c == '\n')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                if (recordHasContent || field.Length > 0)
                {
                    fields.Add(field.ToString());
                    yield return new DelimitedRecord(recordStart, fields.ToArray());
                }

                fields.Clear();
                field.Clear();
                fieldWasQuoted = false;
                recordHasContent = false;
                lineNumber++;
                recordStart = lineNumber;
            }
            else
            {
                if (fieldWasQuoted)
                {
                    throw new DataFormatException(
                        sourceName, lineNumber, $"unexpected character '{c}' after the closing quote of a field; expected '{delimiter}' or a line break.");
                }

                field.Append(c);
                recordHasContent = true;
            }
        }
    }
}
