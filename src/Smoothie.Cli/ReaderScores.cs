using System.Globalization;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Evaluation;

namespace Smoothie.Cli;

/// <summary>
/// The reader metrics of one scored run as the ablation caches them (rates on 0–100) and the paired-bootstrap line
/// against the word-lookup baseline.
/// </summary>
internal sealed record ReaderScores(double Kept, double Invented, double CleanRows, double EditF05, string? VsLookup)
{
    /// <summary>The model's reader metrics of a report scored with the baselines; null when it was not.</summary>
    public static ReaderScores? Of(EvaluationReport report) => report.ModelScores is { } model
        ? new ReaderScores(100 * model.Reader.Kept, 100 * model.Reader.Invented, 100 * model.Reader.CleanRows, 100 * model.Reader.Edits.F05,
            report.ModelVsLookupBleu is { } bootstrap ? EvaluationPrinter.BootstrapLine("model vs lookup", bootstrap) : null)
        : null;

    /// <summary>kept, invented, clean rows and edit F0.5 of one system's row, on 0–100.</summary>
    public static string[] Cells(SystemScores scores) =>
        [F(100 * scores.Reader.Kept), F(100 * scores.Reader.Invented), F(100 * scores.Reader.CleanRows), F(100 * scores.Reader.Edits.F05)];

    /// <summary>The four columns over a group of runs (mean ± std); "—" when a run was cached before they were measured.</summary>
    public static string[] Stats(IEnumerable<ReaderScores?> runs, Func<IEnumerable<double>, string, string> stat)
    {
        ReaderScores?[] all = runs.ToArray();
        if (all.Any(r => r is null))
        {
            return ["—", "—", "—", "—"];
        }

        return [stat(all.Select(r => r!.Kept), "F1"), stat(all.Select(r => r!.Invented), "F1"), stat(all.Select(r => r!.CleanRows), "F1"), stat(all.Select(r => r!.EditF05), "F1")];
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
