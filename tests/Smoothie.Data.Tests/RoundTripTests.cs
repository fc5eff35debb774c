using FsCheck;
using FsCheck.Xunit;
using Smoothie.Data;

namespace Smoothie.Data.Tests;

public class RoundTripTests
{
    private static readonly Seq2SeqPair[] Tricky =
    [
        new("plain", "text", "1"),
        new("comma, inside", "\"quoted\" and \"\"doubled\"\"", "2"),
        new("multi\nline\r\nfield", " leading and trailing spaces ", "3"),
        new(string.Empty, "“curly” quotes, ünïcödé, emoji 😀", "4"),
    ];

    private static IReadOnlyList<Seq2SeqPair> RoundTrip(IEnumerable<Seq2SeqPair> pairs, TextFileFormat format)
    {
        var writer = new StringWriter();
        Seq2SeqWriter.Write(writer, format, pairs, "source", "target", "id");
        return Seq2SeqReader.Read(new StringReader(writer.ToString()), format, "source", "target", "id");
    }

    [Theory]
    [InlineData(TextFileFormat.Csv)]
    [InlineData(TextFileFormat.Jsonl)]
    public void CsvAndJsonlRoundTripArbitraryText(TextFileFormat format)
    {
        Assert.Equal(Tricky, RoundTrip(Tricky, format));
    }

    [Fact]
    public void TsvRoundTripsTextWithoutTabsOrNewlinesAndRejectsTheRest()
    {
        Seq2SeqPair[] simple = [Tricky[0], Tricky[1], Tricky[3]];
        Assert.Equal(simple, RoundTrip(simple, TextFileFormat.Tsv));
        var e = Assert.Throws<ArgumentException>(() => RoundTrip([Tricky[2]], TextFileFormat.Tsv));
        Assert.Contains("tab or a line break", e.Message);
    }

    [Property(MaxTest = 200)]
    public bool Csv_round_trips_random_strings(NonNull<string>[] sources, NonNull<string> target)
    {
        var pairs = sources.Select((s, i) => new Seq2SeqPair(s.Get.Replace("\uFEFF", string.Empty), target.Get.Replace("\uFEFF", string.Empty), i.ToString())).ToArray();
        var back = RoundTrip(pairs, TextFileFormat.Csv);
        return back.SequenceEqual(pairs);
    }

    [Fact]
    public void FilesRoundTripThroughDisk()
    {
        string dir = Directory.CreateTempSubdirectory("smoothie-data-").FullName;
        try
        {
            foreach (string ext in new[] { "csv", "jsonl" })
            {
                string path = Path.Combine(dir, "pairs." + ext);
                Seq2SeqWriter.WriteFile(path, Tricky, "kjv", "web", "ref");
                Assert.Equal(Tricky, Seq2SeqReader.ReadFile(path, "kjv", "web", "ref"));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
