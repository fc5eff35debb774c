using System.Globalization;
using Smoothie.Data;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Evaluation;
using Spectre.Console;

namespace Smoothie.Cli;

/// <summary>
/// Prints example generations and the score table: the model beside the baselines (copy the source, the learned word
/// lookup), with the reader metrics (kept, invented, clean rows, edit F0.5) beside BLEU and the archaic-word rate as a
/// secondary column, then the paired bootstrap of BLEU, model against lookup.
/// </summary>
internal static class EvaluationPrinter
{
    public static void Print(IAnsiConsole console, IReadOnlyList<Seq2SeqPair> pairs, EvaluationReport report, int examples)
    {
        bool lookup = report.LookupHypotheses is not null;
        var table = new Table().Border(TableBorder.Rounded).AddColumn("source").AddColumn("reference").AddColumn("Smoothie");
        if (lookup)
        {
            table.AddColumn("word lookup");
        }

        for (int i = 0; i < Math.Min(examples, pairs.Count); i++)
        {
            string[] cells = [Markup.Escape(pairs[i].Source), Markup.Escape(pairs[i].Target), Markup.Escape(report.Hypotheses[i])];
            table.AddRow(lookup ? [.. cells, Markup.Escape(report.LookupHypotheses![i])] : cells);
        }

        console.Write(table);
        if (report.ModelScores is { } model && report.CopyScores is { } copy && report.LookupScores is { } words)
        {
            PrintScores(console, report.Count, report.DraftScores is { } draft ? [model, copy, words, draft] : [model, copy, words], report.ReferenceArchaicRewritten);
            if (report.ModelVsLookupBleu is { } bootstrap)
            {
                console.WriteLine(BootstrapLine("model vs lookup", bootstrap));
            }

            if (report.ModelVsDraftBleu is { } vsDraft)
            {
                console.WriteLine(BootstrapLine("model vs its draft", vsDraft));
            }

            return;
        }

        var scores = new Table().Border(TableBorder.Rounded)
            .AddColumn($"metric ({report.Count} test verses)")
            .AddColumn(new TableColumn("Smoothie").RightAligned())
            .AddColumn(new TableColumn("copy source").RightAligned());
        scores.AddRow("BLEU (13a, cased)", F(report.Bleu), F(report.CopyBleu));
        scores.AddRow("BLEU (lowercased)", F(report.BleuLowercase), F(report.CopyBleuLowercase));
        scores.AddRow("ROUGE-L F1 ×100", F(100 * report.RougeL), F(100 * report.CopyRougeL));
        scores.AddRow("SARI", F(report.Sari), F(report.CopySari));
        scores.AddRow($"archaic words rewritten % (reference {F(report.ReferenceArchaicRewritten)})", F(report.ArchaicRewritten), F(0));
        console.Write(scores);
    }

    /// <summary>The systems as rows: BLEU and the reader metrics, the archaic rate last; then the secondary metrics.</summary>
    public static void PrintScores(IAnsiConsole console, int count, IReadOnlyList<SystemScores> systems, double referenceArchaic)
    {
        var main = new Table().Border(TableBorder.Rounded).AddColumn($"{count} test verses");
        foreach (string column in new[] { "BLEU", "kept %", "invented %", "clean rows %", "edit F0.5", "archaic %" })
        {
            main.AddColumn(new TableColumn(column).RightAligned());
        }

        var secondary = new Table().Border(TableBorder.Rounded).AddColumn("secondary");
        foreach (string column in new[] { "BLEU (lc)", "ROUGE-L", "SARI", "edit P", "edit R" })
        {
            secondary.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (SystemScores s in systems)
        {
            ReaderMetricsReport r = s.Reader;
            main.AddRow(Markup.Escape(s.Name), F(s.Bleu), F(100 * r.Kept), F(100 * r.Invented), F(100 * r.CleanRows), F(100 * r.Edits.F05), F(s.ArchaicRewritten));
            secondary.AddRow(Markup.Escape(s.Name), F(s.BleuLowercase), F(100 * s.RougeL), F(s.Sari), F(100 * r.Edits.Precision), F(100 * r.Edits.Recall));
        }

        console.Write(main);
        console.Write(secondary);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BLEU: sacreBLEU 13a, cased. kept: shared source/reference words the output keeps; invented: output words in neither the training targets nor the source; clean rows: neither lost nor invented; edit F0.5: word edits against the reference's (docs/evaluation.md); archaic words rewritten by the references: {F(referenceArchaic)} %."));
    }

    /// <summary>"model vs lookup: ΔBLEU +x.x [lo, hi], p = 0.001 (paired bootstrap, 1000 resamples)".</summary>
    public static string BootstrapLine(string label, PairedBootstrapResult result) => string.Create(
        CultureInfo.InvariantCulture,
        $"{label}: ΔBLEU {result.Difference:+0.0;-0.0;0.0} [{result.Lower:+0.0;-0.0;0.0}, {result.Upper:+0.0;-0.0;0.0}], p = {result.PValue:0.000} (paired bootstrap, {result.Samples} resamples)");

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
