using System.Text;
using Smoothie.Data;

namespace Smoothie.Data.Tests;

/// <summary>Bad data files as users write them: each gives one error naming the file, the line and what was expected.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-bad-data").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Latin1TsvIsRejectedWithTheLineAndHowToConvertIt()
    {
        // "thé" in Windows-1252 on line 3: decoded leniently it would become "th\uFFFD" and train on mojibake.
        byte[] bytes = [.. Encoding.ASCII.GetBytes("src\ttgt\nthou art\tyou are\nth"), 0xE9, .. Encoding.ASCII.GetBytes("\ttea\n")];
        string path = Write("latin1.tsv", bytes);
        var e = Assert.Throws<DataFormatException>(() => Seq2SeqReader.ReadFile(path, "src", "tgt"));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("latin1.tsv, line 3", e.Message);
        Assert.Contains("not UTF-8: byte 0xE9 (byte 3 of the line)", e.Message);
        Assert.Contains("iconv -f WINDOWS-1252 -t UTF-8", e.Message);
    }

    [Fact]
    public void Latin1TextFileForHypothesesIsRejectedWithTheLine()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("one\ntwo\ncaf"), 0xE9, (byte)'\n'];
        string path = Write("hyp.txt", bytes);
        var e = Assert.Throws<DataFormatException>(() => Seq2SeqReader.ReadLines(path));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("hyp.txt, line 3: the file is not UTF-8", e.Message);
    }

    [Fact]
    public void Utf16WithoutAByteOrderMarkIsRejectedAsNotUtf8()
    {
        string path = Write("utf16.tsv", Encoding.Unicode.GetBytes("src\ttgt\na\tb\n"));
        var e = Assert.Throws<DataFormatException>(() => Seq2SeqReader.ReadFile(path, "src", "tgt"));
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("NUL bytes", e.Message);
        Assert.Contains("UTF-16 without a byte-order mark", e.Message);
    }

    [Fact]
    public void Utf16WithAByteOrderMarkIsRead()
    {
        string path = Write("utf16bom.tsv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("src\ttgt\nthé\tthe\n")]);
        Assert.Equal([new Seq2SeqPair("thé", "the")], Seq2SeqReader.ReadFile(path, "src", "tgt"));
    }

    [Theory]
    [InlineData("bom.tsv", "src\ttgt\nthou\tyou\n")]
    [InlineData("bom.csv", "src,tgt\nthou,you\n")]
    [InlineData("bom.jsonl", "{\"src\":\"thou\",\"tgt\":\"you\"}\n")]
    public void AUtf8ByteOrderMarkDoesNotBecomePartOfTheFirstColumnName(string name, string text)
    {
        string path = Write(name, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        Assert.Equal([new Seq2SeqPair("thou", "you")], Seq2SeqReader.ReadFile(path, "src", "tgt"));
    }

    [Theory]
    [InlineData(TextFileFormat.Tsv, "\uFEFFsrc\ttgt\r\nthou\tyou\r\n")]
    [InlineData(TextFileFormat.Csv, "\uFEFFsrc,tgt\r\nthou,you\r\n")]
    [InlineData(TextFileFormat.Jsonl, "\uFEFF{\"src\":\"thou\",\"tgt\":\"you\"}\r\n")]
    public void AByteOrderMarkInATextReaderIsDroppedToo(TextFileFormat format, string text)
    {
        Assert.Equal([new Seq2SeqPair("thou", "you")], Seq2SeqReader.Read(new StringReader(text), format, "src", "tgt"));
    }

    [Theory]
    [InlineData("crlf.tsv", "src\ttgt\r\nthou art\tyou are\r\nye\tyou\r\n")]
    [InlineData("crlf.csv", "src,tgt\r\nthou art,you are\r\nye,you\r\n")]
    [InlineData("crlf.jsonl", "{\"src\":\"thou art\",\"tgt\":\"you are\"}\r\n{\"src\":\"ye\",\"tgt\":\"you\"}\r\n")]
    public void CrlfLineEndsLeaveNoCarriageReturnInTheLastColumn(string name, string text)
    {
        string path = Write(name, text);
        IReadOnlyList<Seq2SeqPair> pairs = Seq2SeqReader.ReadFile(path, "src", "tgt");
        Assert.Equal([new Seq2SeqPair("thou art", "you are"), new Seq2SeqPair("ye", "you")], pairs);
        Assert.DoesNotContain(pairs, p => p.Target.Contains('\r', StringComparison.Ordinal));
    }

    [Fact]
    public void CrlfTextFileGivesLinesWithoutCarriageReturns()
    {
        string path = Write("crlf.txt", "one\r\ntwo\r\n\r\nfour\r\n");
        Assert.Equal(["one", "two", string.Empty, "four"], Seq2SeqReader.ReadLines(path));
    }

    [Fact]
    public void RaggedTsvRowWithAnExtraTabNamesTheFileLineAndTheCause()
    {
        string path = Write("ragged.tsv", "src\ttgt\nthou\tyou\nsay\tthe\tthing\n");
        var e = Assert.Throws<DataFormatException>(() => Seq2SeqReader.ReadFile(path, "src", "tgt"));
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("ragged.tsv, line 3: expected 2 fields like the header, found 3", e.Message);
        Assert.Contains("TSV fields cannot hold tabs or line breaks", e.Message);
    }

    [Fact]
    public void RaggedCsvRowNamesTheLineAndTheQuotingRule()
    {
        string path = Write("ragged.csv", "src,tgt\nthou,you\nsay, then,you say\n");
        var e = Assert.Throws<DataFormatException>(() => Seq2SeqReader.ReadFile(path, "src", "tgt"));
        Assert.Contains("ragged.csv, line 3: expected 2 fields like the header, found 3", e.Message);
        Assert.Contains("must be in double quotes", e.Message);
    }

    [Fact]
    public void DuplicatedHeaderColumnIsRejected()
    {
        string path = Write("dup.tsv", "src\tsrc\ttgt\na\tb\tc\n");
        var e = Assert.Throws<DataFormatException>(() => Seq2SeqReader.ReadFile(path, "src", "tgt"));
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("dup.tsv, line 1: the header names column 'src' twice (columns 1 and 2)", e.Message);
    }

    [Fact]
    public void EmptyFileSaysAHeaderRowIsExpected()
    {
        string path = Write("empty.tsv", string.Empty);
        var e = Assert.Throws<DataFormatException>(() => Seq2SeqReader.ReadFile(path, "src", "tgt"));
        Assert.Contains("empty.tsv, line 1: the input is empty; expected a header row with column names", e.Message);
    }

    [Fact]
    public void JsonLineThatIsNotAnObjectIsRejectedWithItsLine()
    {
        string path = Write("array.jsonl", "{\"src\":\"a\",\"tgt\":\"b\"}\n[\"c\",\"d\"]\n");
        var e = Assert.Throws<DataFormatException>(() => Seq2SeqReader.ReadFile(path, "src", "tgt"));
        Assert.Contains("array.jsonl, line 2: expected a JSON object, found Array", e.Message);
    }

    [Fact]
    public void JsonPropertyThatIsNullOrAnObjectIsRejectedWithItsLine()
    {
        string path = Write("null.jsonl", "{\"src\":\"a\",\"tgt\":\"b\"}\n{\"src\":\"c\",\"tgt\":null}\n");
        var e = Assert.Throws<DataFormatException>(() => Seq2SeqReader.ReadFile(path, "src", "tgt"));
        Assert.Contains("null.jsonl, line 2: property 'tgt' is Null; expected a string, a number or a boolean", e.Message);
    }
}
