using System.Text;

namespace Smoothie.Data;

/// <summary>
/// The state of reading RFC 4180 CSV one character at a time: the record and field being built, whether inside quotes,
/// and the line numbers for error messages. <see cref="DelimitedRecordReader"/> feeds it.
/// </summary>
/// <param name="reader">The reader the characters come from (peeked at for doubled quotes and CR LF).</param>
/// <param name="delimiter">The field delimiter.</param>
/// <param name="sourceName">The file name for error messages, or null.</param>
internal sealed class QuotedRecordParser(TextReader reader, char delimiter, string? sourceName)
{
    private readonly List<string> fields = [];
    private readonly StringBuilder field = new();
    private int lineNumber = 1;
    private int recordStart = 1;
    private bool inQuotes;
    private bool fieldWasQuoted;
    private bool recordHasContent;

    /// <summary>Takes the next character of the file; returns the record it completes, if any.</summary>
    /// <exception cref="DataFormatException">A quote inside an unquoted field, or a character after a closing quote.</exception>
    public DelimitedRecord? Accept(char c)
    {
        if (inQuotes)
        {
            AcceptQuoted(c);
            return null;
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
            return EndLine(c);
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

        return null;
    }

    /// <summary>The end of the file: returns the last record when it has no line break after it.</summary>
    /// <exception cref="DataFormatException">A quoted field is still open.</exception>
    public DelimitedRecord? Finish()
    {
        if (inQuotes)
        {
            throw new DataFormatException(sourceName, recordStart, "a quoted field is not closed before the end of the file.");
        }

        if (recordHasContent)
        {
            fields.Add(field.ToString());
            return new DelimitedRecord(recordStart, fields.ToArray());
        }

        return null;
    }

    /// <summary>A character inside quotes: a doubled quote is one quote, a single one closes the field.</summary>
    private void AcceptQuoted(char c)
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
    }

    /// <summary>A line break outside quotes (CR LF read as one): ends the record, if it has anything.</summary>
    private DelimitedRecord? EndLine(char c)
    {
        if (c == '\r' && reader.Peek() == '\n')
        {
            reader.Read();
        }

        DelimitedRecord? record = null;
        if (recordHasContent || field.Length > 0)
        {
            fields.Add(field.ToString());
            record = new DelimitedRecord(recordStart, fields.ToArray());
        }

        fields.Clear();
        field.Clear();
        fieldWasQuoted = false;
        recordHasContent = false;
        lineNumber++;
        recordStart = lineNumber;
        return record;
    }
}
