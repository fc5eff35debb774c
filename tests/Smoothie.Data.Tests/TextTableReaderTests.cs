using Smoothie.Data;

namespace Smoothie.Data.Tests;

public class TextTableReaderTests
{
    private static IReadOnlyList<Seq2SeqPair> Read(string text, TextFileFormat format, string source = "src", string target = "tgt", string? id = null) =>
        Seq2SeqReader.Read(new StringReader(text), format, source, target, id, "test-input");

    [Fact]
    public void TsvSelectsColumnsByNameInAnyOrder()
    {
        var pairs = Read("id\ttgt\tsrc\n1\tB one\tA one\n2\tB two\tA two\n", TextFileFormat.Tsv, id: "id");
        Assert.Equal([new Seq2SeqPair("A one", "B one", "1"), new Seq2SeqPair("A two", "B two", "2")], pairs);
    }

    [Fact]
    public void TsvKeepsQuotesLiterallyAndSkipsBlankLinesAndCrlf()
    {
        var pairs = Read("src\ttgt\r\n\"quoted\"\tsay \"hi\"\r\n\r\nx\ty\r\n", TextFileFormat.Tsv);
        Assert.Equal([new Seq2SeqPair("\"quoted\"", "say \"hi\""), new Seq2SeqPair("x", "y")], pairs);
    }

    [Fact]
    public void CsvHandlesRfc4180QuotingCommasDoubledQuotesAndMultilineFields()
    {
        const string csv = "src,tgt\r\n\"a, b\",\"he said \"\"hi\"\"\"\r\n\"two\nlines\",plain\r\n,\"\"\r\n";
        var pairs = Read(csv, TextFileFormat.Csv);
        Assert.Equal(3, pairs.Count);
        Assert.Equal(new Seq2SeqPair("a, b", "he said \"hi\""), pairs[0]);
        Assert.Equal(new Seq2SeqPair("two\nlines", "plain"), pairs[1]);
        Assert.Equal(new Seq2SeqPair(string.Empty, string.Empty), pairs[2]);
    }

    [Fact]
    public void CsvLineNumbersCountPhysicalLinesIncludingMultilineFields()
    {
        const string csv = "src,tgt\n\"multi\nline\",ok\nbad,\"unclosed\n";
        var e = Assert.Throws<DataFormatException>(() => Read(csv, TextFileFormat.Csv));
        Assert.Equal(4, e.LineNumber);
        Assert.Contains("test-input, line 4", e.Message);
        Assert.Contains("not closed", e.Message);
    }

    [Fact]
    public void CsvRejectsAStrayQuoteInsideAnUnquotedFieldWithItsLine()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("src,tgt\nok,fine\nab\"c,d\n", TextFileFormat.Csv));
        Assert.Equal(3, e.LineNumber);
    }

    [Fact]
    public void FieldCountMismatchReportsTheLine()
    {
        var e = Assert.Throws<DataFormatException>(() => Read("src\ttgt\na\tb\nonly-one\n", TextFileFormat.Tsv));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("expected 2 fields", e.Message);
    }

    [Fact]
    public void JsonlReadsStringsAndNumbersAndReportsBadJsonWithLine()
    {
        var pairs = Read("{\"src\":\"a\",\"tgt\":\"b\",\"n\":3}\n\n{\"src\":\"c\",\"tgt\":\"d\"}\n", TextFileFormat.Jsonl, target: "tgt");
        Assert.Equal([new Seq2SeqPair("a", "b"), new Seq2SeqPair("c", "d")], pairs);

        var numbers = Read("{\"src\":12,\"tgt\":true}\n", TextFileFormat.Jsonl);
        Assert.Equal(new Seq2SeqPair("12", "true"), numbers[0]);

        var e = Assert.Throws<DataFormatException>(() => Read("{\"src\":\"a\",\"tgt\":\"b\"}\n{\"src\": oops}\n", TextFileFormat.Jsonl));
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("invalid JSON", e.Message);

        var later = Assert.Throws<DataFormatException>(() => Read("{\"src\":\"a\",\"tgt\":\"b\"}\n{\"src\":\"a\"}\n", TextFileFormat.Jsonl));
        Assert.Equal(2, later.LineNumber);
        Assert.Contains("'tgt'", later.Message);
    }

    [Theory]
    [InlineData(TextFileFormat.Tsv, "ref\tkjv\tweb\nx\ty\tz\n")]
    [InlineData(TextFileFormat.Csv, "ref,kjv,web\nx,y,z\n")]
    [InlineData(TextFileFormat.Jsonl, "{\"ref\":\"x\",\"kjv\":\"y\",\"web\":\"z\"}\n")]
    public void MissingColumnErrorListsTheAvailableColumns(TextFileFormat format, string text)
    {
        var e = Assert.Throws<MissingColumnException>(() => Read(text, format, source: "kjv", target: "modern"));
        Assert.Equal("modern", e.Column);
        Assert.Equal(["ref", "kjv", "web"], e.AvailableColumns);
        Assert.Contains("'modern'", e.Message);
        Assert.Contains("available columns: 'ref', 'kjv', 'web'", e.Message);
        Assert.Equal("columns", e.ParamName);
    }

    [Fact]
    public void EmptyInputIsAFormatError()
    {
        Assert.Throws<DataFormatException>(() => Read(string.Empty, TextFileFormat.Tsv));
    }

    [Fact]
    public void ColumnNamesAreReadFromTheHeader()
    {
        Assert.Equal(["a", "b c", "d"], TextTableReader.ReadColumnNames(new StringReader("a,\"b c\",d\n1,2,3\n"), TextFileFormat.Csv));
        Assert.Equal(["x", "y"], TextTableReader.ReadColumnNames(new StringReader("\n{\"x\":1,\"y\":2}\n"), TextFileFormat.Jsonl));
    }

    [Fact]
    public void FormatFromPathAndUnknownExtensionError()
    {
        Assert.Equal(TextFileFormat.Tsv, TextFileFormats.FromPath("a/b.TSV"));
        Assert.Equal(TextFileFormat.Csv, TextFileFormats.FromPath("b.csv"));
        Assert.Equal(TextFileFormat.Jsonl, TextFileFormats.FromPath("b.jsonl"));
        var e = Assert.Throws<ArgumentException>(() => TextFileFormats.FromPath("b.xlsx"));
        Assert.Contains(".xlsx", e.Message);
    }

    [Fact]
    public void MissingFileIsReported()
    {
        Assert.Throws<FileNotFoundException>(() => Seq2SeqReader.ReadFile("/nonexistent/dir/x.tsv", "a", "b"));
    }
}
