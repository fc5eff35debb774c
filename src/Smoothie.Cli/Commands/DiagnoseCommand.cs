using System.CommandLine;
using System.Globalization;
using System.Text;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Training.Diagnostics;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary>
/// <c>smoothie diagnose</c>: where a trained model's training signal goes (<see cref="PipelineProbe"/>) — the loss and
/// token accuracy by diffusion time for target content and padding apart, with the true source and with another
/// verse's source, the share of the most frequent predicted token, and the loss and accuracy by target position.
/// </summary>
internal static class DiagnoseCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Pipeline folder written by train.", Required = true };
        var source = new Option<string>("--source") { Description = "Source column of the bundled corpus (or of --data).", DefaultValueFactory = _ => "kjv" };
        var target = new Option<string>("--target") { Description = "Target column.", DefaultValueFactory = _ => "web" };
        var data = new Option<string?>("--data") { Description = "TSV/CSV/JSONL file of held-out pairs (default: the bundled corpus's validation split)." };
        var rows = CliOptions.Positive(new Option<int>("--rows") { Description = "Encoded rows to probe (one batch).", DefaultValueFactory = _ => 64 });
        var seed = new Option<int>("--seed") { Description = "Seed of the noise.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Also write the tables to this Markdown file." };
        var device = CliOptions.Device();
        var command = new Command("diagnose", "Probe a trained model: loss and accuracy by t for content and padding, with the true and another verse's source, and by target position.")
        {
            model, source, target, data, rows, seed, output, device,
        };
        command.SetAction((parse, _) => CliRunner.RunAsync(() =>
        {
            using SmoothiePipeline pipeline = SmoothiePipeline.Load(parse.GetValue(model)!, DeviceSelection.Parse(parse.GetValue(device)!));
            string? file = parse.GetValue(data);
            IReadOnlyList<Seq2SeqPair> pairs = file is null
                ? BibleCorpus.Pairs(BibleSplit.Valid, parse.GetValue(source)!, parse.GetValue(target)!)
                : Seq2SeqReader.ReadFile(file, parse.GetValue(source)!, parse.GetValue(target)!);
            DenoiserProbeReport report = PipelineProbe.Run(pipeline, pairs, parse.GetValue(rows), seed: parse.GetValue(seed));
            string markdown = Format(report, id => TokenText(pipeline, id));
            Console.Write(markdown);
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, markdown);
                AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(path)}[/].");
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The report as two Markdown tables (by time, by position).</summary>
    public static string Format(DenoiserProbeReport report, Func<long, string> tokenText)
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"Padding: {report.PaddingShare:P1} of the target positions. Shuffled = every row given the next row's source."));
        md.AppendLine();
        md.AppendLine("| t | content loss | shuffled source | padding loss | content acc. | shuffled source | padding acc. | top token (share of content) |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (ProbeTimeRow r in report.Times)
        {
            md.AppendLine(Invariant($"| {r.Time:0.00} | {r.ContentLoss:0.0000} | {r.ShuffledSourceContentLoss:0.0000} | {r.PaddingLoss:0.0000} | {r.ContentAccuracy:0.000} | {r.ShuffledSourceContentAccuracy:0.000} | {r.PaddingAccuracy:0.000} | {tokenText(r.TopToken)} ({r.TopTokenShare:0.000}) |"));
        }

        md.AppendLine();
        md.AppendLine("| position | padding share | loss | content acc. | padding acc. |");
        md.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (ProbePositionRow p in report.Positions)
        {
            md.AppendLine(Invariant($"| {p.Position} | {p.PaddingShare:0.00} | {p.Loss:0.0000} | {p.ContentAccuracy:0.000} | {p.PaddingAccuracy:0.000} |"));
        }

        return md.ToString();
    }

    private static string TokenText(SmoothiePipeline pipeline, long latentId)
    {
        if (latentId < 0)
        {
            return "—";
        }

        int codecId = pipeline.SubVocabulary?.ToOriginal((int)latentId) ?? (int)latentId;
        string text = pipeline.Codec.Decode([codecId]);
        return text.Length == 0 ? $"[special {codecId}]" : $"\"{text}\"";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
