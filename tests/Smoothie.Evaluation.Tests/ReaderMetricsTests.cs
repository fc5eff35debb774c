using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

public class ReaderMetricsTests
{
    private const string Source = "And Isaac dwelt in Gerar";
    private const string Reference = "Isaac lived in Gerar";

    private static readonly HashSet<string> Targets = new(StringComparer.Ordinal) { "isaac", "lived", "in", "gerar", "the" };

    [Fact]
    public void RowOutputKeepsEverySharedWordKeptIsComplete()
    {
        // Shared (source ∩ reference) = isaac, in, gerar; "dwelt" is not in the reference and "and" not either, so dropping them loses nothing.
        ReaderRow row = ReaderMetrics.Row(0, Source, "Isaac in Gerar.", Reference, Targets);
        Assert.Equal(3, row.SharedWords);
        Assert.Equal(3, row.KeptWords);
        Assert.Empty(row.LostWords);
        Assert.False(row.LostAny);
        Assert.Equal(3, row.OutputWords); // the period is not a word
    }

    [Fact]
    public void RowOutputDropsInLosesIn()
    {
        ReaderRow row = ReaderMetrics.Row(0, Source, "Isaac lived Gerar", Reference, Targets);
        Assert.Equal(3, row.SharedWords);
        Assert.Equal(2, row.KeptWords);
        Assert.Equal(["in"], row.LostWords);
        Assert.True(row.LostAny);
        Assert.False(row.IsClean);
    }

    [Fact]
    public void RowRepeatedWordsCountAsAMultiset()
    {
        // shared: the ×min(2, 2), man ×1, and ×1 = 4; the output has one "the": kept = 1 + 1 + 1 = 3, one "the" lost.
        ReaderRow row = ReaderMetrics.Row(0, "the man and the woman", "the man and woman", "the man and the child", Targets);
        Assert.Equal(4, row.SharedWords);
        Assert.Equal(3, row.KeptWords);
        Assert.Equal(["the"], row.LostWords);

        // The source has "the" twice but the reference once: shared(the) = 1, so one "the" in the output keeps it.
        ReaderRow once = ReaderMetrics.Row(0, "the man and the woman", "the man and woman", "a man and the child", Targets);
        Assert.Equal(3, once.SharedWords);
        Assert.Equal(3, once.KeptWords);
    }

    [Fact]
    public void RowCaseAndPunctuationDifferWordsStillMatch()
    {
        // Words are lower-cased; ’ reads as '; the apostrophe inside Isaac's keeps it one word; punctuation is no word.
        ReaderRow row = ReaderMetrics.Row(0, "Isaac's well.", "ISAAC’S WELL", "isaac's well!", new HashSet<string>());
        Assert.Equal(2, row.SharedWords);
        Assert.Equal(2, row.KeptWords);
        Assert.Empty(row.InventedWords);
    }

    [Fact]
    public void RowWordInNeitherTargetsNorSourceIsInvented()
    {
        // "theh" is in neither list; "dwelt" is not a target word but it is in the source, so it is never invented.
        ReaderRow row = ReaderMetrics.Row(0, Source, "Isaac theh dwelt in Gerar", Reference, Targets);
        Assert.Equal(["theh"], row.InventedWords);
        Assert.Equal(5, row.OutputWords);
        Assert.True(row.InventedAny);
        Assert.False(row.LostAny);
        Assert.False(row.IsClean);
    }

    [Fact]
    public void RowEmptyOutputLosesEverySharedWordAndInventsNothing()
    {
        ReaderRow row = ReaderMetrics.Row(0, Source, string.Empty, Reference, Targets);
        Assert.Equal(0, row.KeptWords);
        Assert.Equal(["isaac", "in", "gerar"], row.LostWords);
        Assert.Empty(row.InventedWords);
        Assert.False(row.IsClean);
    }

    [Fact]
    public void ComputeThreeRowsPoolsCountsOverTheCorpus()
    {
        string[] sources = [Source, Source, "Abraham begat Isaac"];
        string[] outputs = ["Isaac in Gerar.", "Isaac lived Gerar", "Abraham was the father of Isaac"];
        string[] references = [Reference, Reference, "Abraham became the father of Isaac"];
        ReaderMetricsReport report = ReaderMetrics.Compute(sources, outputs, references, Targets);

        // Kept: rows share 3, 3, 2 (abraham, isaac) and keep 3, 2, 2 -> 7 / 8.
        Assert.Equal(3, report.RowCount);
        Assert.Equal(8, report.SharedWords);
        Assert.Equal(7, report.KeptWords);
        Assert.Equal(7.0 / 8, report.Kept, 12);

        // Invented: "was", "father", "of" are neither targets nor source words -> 3 of 3 + 3 + 6 = 12 output words.
        Assert.Equal(["was", "father", "of"], report.Rows[2].InventedWords);
        Assert.Equal(12, report.OutputWords);
        Assert.Equal(3.0 / 12, report.Invented, 12);

        // Clean: only row 0 loses nothing and invents nothing.
        Assert.Equal(1, report.CleanRowCount);
        Assert.Equal(1.0 / 3, report.CleanRows, 12);
        Assert.Equal(100.0 / 3, report.ToScores()["clean_rows"], 10);
    }

    [Fact]
    public void ComputeNothingSharedAndNoOutputWordKeptIsOneAndInventedZero()
    {
        ReaderMetricsReport report = ReaderMetrics.Compute(["Selah."], ["..."], ["Pause."], Targets);
        Assert.Equal(0, report.SharedWords);
        Assert.Equal(1.0, report.Kept);
        Assert.Equal(0, report.OutputWords);
        Assert.Equal(0.0, report.Invented);
        Assert.Equal(1.0, report.CleanRows);
    }

    [Fact]
    public void ComputeTwoRowsSumsEditCountsBeforeDividing()
    {
        // Reference edits of both rows: delete "And" [0,1), replace "dwelt" by "lived" [2,3).
        // Row 0 output "Isaac in Gerar.": delete And (TP), delete dwelt (FP), insert "." at the end (FP); FN: dwelt -> lived.
        // Row 1 output "Isaac lived Gerar": delete And (TP), "dwelt in" -> "lived" [2,4) (FP); FN: dwelt -> lived.
        ReaderMetricsReport report = ReaderMetrics.Compute([Source, Source], ["Isaac in Gerar.", "Isaac lived Gerar"], [Reference, Reference], Targets);
        Assert.Equal(new EditScore(2, 3, 2), report.Edits);
        Assert.Equal(2.0 / 5, report.Edits.Precision, 12);
        Assert.Equal(2.0 / 4, report.Edits.Recall, 12);
        Assert.Equal(1.25 * 0.4 * 0.5 / ((0.25 * 0.4) + 0.5), report.Edits.F05, 12);
        Assert.Equal(new EditScore(1, 2, 1), report.Rows[0].Edits);
    }

    [Fact]
    public void ForRowsRepeatedIndicesCountRowsWithMultiplicity()
    {
        ReaderMetricsReport report = ReaderMetrics.Compute([Source, Source], ["Isaac in Gerar.", "Isaac lived Gerar"], [Reference, Reference], Targets);
        ReaderMetricsReport resampled = report.ForRows([1, 1, 0]);
        Assert.Equal(3, resampled.RowCount);
        Assert.Equal(9, resampled.SharedWords);
        Assert.Equal(2 + 2 + 3, resampled.KeptWords);
        Assert.Equal(1.0 / 3, resampled.CleanRows, 12);
        Assert.Equal(new EditScore(3, 4, 3), resampled.Edits);
        var e = Assert.Throws<ArgumentException>(() => report.ForRows([2]));
        Assert.Equal("rowIndices", e.ParamName);
    }

    [Fact]
    public void ComputeMismatchedCountsNamesTheArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => ReaderMetrics.Compute([Source], [], [Reference], Targets));
        Assert.Equal("outputs", e.ParamName);
        e = Assert.Throws<ArgumentException>(() => ReaderMetrics.Compute([Source], ["x"], [], Targets));
        Assert.Equal("references", e.ParamName);
    }

    [Fact]
    public void TextMetricComputeWithoutSourcesThrowsAndWithSourcesReportsPercentages()
    {
        var metric = new ReaderMetrics(Targets);
        var e = Assert.Throws<ArgumentException>(() => metric.Compute(["Isaac in Gerar."], MetricArguments.SingleReferences([Reference])));
        Assert.Equal("sources", e.ParamName);

        MetricResult result = metric.Compute(["Isaac lived Gerar"], MetricArguments.SingleReferences([Reference]), [Source]);
        Assert.Equal("reader", result.Metric);
        Assert.Equal(200.0 / 3, result.Scores["kept"], 10);
        Assert.Equal(0.0, result.Scores["invented"]);
        Assert.Equal(1, result.Scores["rows"]);
        Assert.StartsWith("kept 66.7 % | invented 0.0 % | clean rows 0.0 % | edit P/R/F0.5 50.0/50.0/50.0", result.Summary);
    }
}
