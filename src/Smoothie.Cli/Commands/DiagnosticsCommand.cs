using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Training.Diagnostics;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary>
/// <c>smoothie diagnostics</c>: puts the final per-t curves (loss, token accuracy of the prediction, true-token
/// probability of x_t) of several trained runs side by side: one PNG per quantity with one line per run, and a Markdown
/// table.
/// </summary>
internal static class DiagnosticsCommand
{
    public static Command Create()
    {
        var runs = new Option<string>("--runs") { Description = "Comma-separated training output folders (each with a diagnostics/ folder).", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Comma-separated names for the runs (default: folder names)." };
        var output = new Option<string>("--out") { Description = "Folder for the plots and the table.", DefaultValueFactory = _ => "runs/diagnostics" };
        var command = new Command("diagnostics", "Plot the final per-t diagnostics of several runs side by side.") { runs, labels, output };
        command.SetAction((parse, _) => CliRunner.RunAsync(() =>
        {
            string[] folders = parse.GetValue(runs)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string[] names = parse.GetValue(labels)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                ?? folders.Select(f => Path.GetFileName(Path.TrimEndingDirectorySeparator(f))).ToArray();
            if (names.Length != folders.Length)
            {
                throw new ArgumentException($"--labels: got {names.Length} names for {folders.Length} runs.");
            }

            var curves = folders.Select(Latest).ToList();
            double[] times = curves[0].Rows.Select(r => r.Time).ToArray();
            if (curves.Any(c => !c.Rows.Select(r => r.Time).SequenceEqual(times)))
            {
                throw new InvalidDataException("The runs' diagnostics use different time grids; compare runs of the same version.");
            }

            string root = parse.GetValue(output)!;
            Directory.CreateDirectory(root);
            double maxLoss = curves.Max(c => c.Rows.Max(r => r.Loss));
            LinePlotPng.Write(Path.Combine(root, "accuracy.png"), times, curves.Select(c => c.Rows.Select(r => r.Accuracy).ToArray()).ToArray(), 0, 1);
            LinePlotPng.Write(Path.Combine(root, "true-token-probability.png"), times, curves.Select(c => c.Rows.Select(r => r.TrueTokenProbability).ToArray()).ToArray(), 0, 1);
            LinePlotPng.Write(Path.Combine(root, "loss.png"), times, curves.Select(c => c.Rows.Select(r => r.Loss).ToArray()).ToArray(), 0, maxLoss * 1.05);

            var md = new StringBuilder();
            md.AppendLine("Line colours: " + string.Join(", ", names.Select((n, i) => $"{n} = {Colour(i)}")) + ".");
            md.AppendLine();
            md.AppendLine("| t | " + string.Join(" | ", names.Select(n => $"{n}: loss | {n}: accuracy | {n}: p(true token)")) + " |");
            md.AppendLine("| --- | " + string.Join(" | ", names.SelectMany(_ => new[] { "---", "---", "---" })) + " |");
            for (int i = 0; i < times.Length; i++)
            {
                md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {times[i]:0.00} | ") + string.Join(" | ", curves.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Rows[i].Loss:0.0000} | {c.Rows[i].Accuracy:0.000} | {c.Rows[i].TrueTokenProbability:0.000}"))) + " |");
            }

            md.AppendLine();
            md.AppendLine("Runs: " + string.Join("; ", names.Zip(curves, (n, c) => $"{n} = {c.File}")) + ".");
            File.WriteAllText(Path.Combine(root, "per-t.md"), md.ToString());
            AnsiConsole.MarkupLine($"Wrote accuracy.png, true-token-probability.png, loss.png and per-t.md to [bold]{Markup.Escape(root)}[/].");
            return 0;
        }));
        return command;
    }

    private static string Colour(int index)
    {
        (byte r, byte g, byte b) = LinePlotPng.ColorOf(index);
        return $"#{r:x2}{g:x2}{b:x2}";
    }

    private static (string File, IReadOnlyList<PerTimeDiagnostic> Rows) Latest(string folder)
    {
        string directory = Path.Combine(folder, PipelineTrainer.DiagnosticsFolder);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"--runs: '{folder}' has no {PipelineTrainer.DiagnosticsFolder}/ folder (train with validation data to get per-t diagnostics).");
        }

        string? file = Directory.GetFiles(directory, "step-*.json").Order(StringComparer.Ordinal).LastOrDefault()
            ?? throw new FileNotFoundException($"--runs: '{directory}' holds no step-*.json diagnostics.");
        var rows = JsonSerializer.Deserialize<List<PerTimeDiagnostic>>(File.ReadAllText(file)) ?? throw new InvalidDataException($"'{file}' is empty.");
        return (file, rows);
    }
}
