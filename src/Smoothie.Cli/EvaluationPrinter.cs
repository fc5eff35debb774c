using System.Globalization;
using Smoothie.Data;
using Smoothie.Diffusion.Pipelines;
using Spectre.Console;

namespace Smoothie.Cli;

/// <summary>Prints example generations and the metric table with the copy-the-source baseline.</summary>
internal static class EvaluationPrinter
{
    public static void Print(IAnsiConsole console, IReadOnlyList<Seq2SeqPair> pairs, EvaluationReport report, int examples)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("source").AddColumn("reference").AddColumn("Smoothie");
        for (int i = 0; i < Math.Min(examples, pairs.Count); i++)
        {
            table.AddRow(Markup.Escape(pairs[i].Source), Markup.Escape(pairs[i].Target), Markup.Escape(report.Hypotheses[i]));
        }

        console.Write(table);
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

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
