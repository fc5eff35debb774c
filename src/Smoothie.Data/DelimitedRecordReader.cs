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
        var parser = new QuotedRecordParser(reader, delimiter, sourceName);
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
                if (parser.Finish() is { } last)
                {
                    yield return last;
                }

                yield break;
            }

            if (parser.Accept((char)read) is { } record)
            {
                yield return record;
            }
        }
    }
}
