using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Embeddings.MiniLM;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary>
/// <c>smoothie ablate</c>: trains and evaluates several latent spaces with the same budget, data and seeds and prints one
/// table of mean ± std over seeds (also written as Markdown and JSON into the output folder).
/// </summary>
internal static class AblateCommand
{
    public static Command Create()
    {
        var latents = new Option<string>("--latents") { Description = "Comma-separated latent spaces.", DefaultValueFactory = _ => "distance,embedding,simplex" };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds.", DefaultValueFactory = _ => "1,2,3" };
        var minutes = new Option<double?>("--max-minutes") { Description = "Training budget per run (minutes)." };
        var maxSteps = new Option<long?>("--max-steps") { Description = "Training steps per run." };
        var preset = CliOptions.Preset();
        var testRows = CliOptions.Positive(new Option<int>("--test-rows") { Description = "Held-out verses to score.", DefaultValueFactory = _ => 200 });
        var steps = CliOptions.Steps(50);
        var output = new Option<string>("--out") { Description = "Folder for the runs and the result table.", DefaultValueFactory = _ => "runs/ablate" };
        var device = CliOptions.Device();
        var init = CliOptions.Init();
        var freeze = CliOptions.FreezeConditionEncoder();
        var command = new Command("ablate", "Train and evaluate latent spaces with the same budget and seeds; print mean ± std.")
        {
            latents, seeds, minutes, maxSteps, preset, testRows, steps, output, device, init, freeze,
        };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() =>
        {
            LatentSpaceKind[] spaces = parse.GetValue(latents)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(CliOptions.ParseLatent).ToArray();
            int[] seedList = parse.GetValue(seeds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new ArgumentException($"--seeds: '{s}' is not an integer.")).ToArray();
            if (parse.GetValue(minutes) is null && parse.GetValue(maxSteps) is null)
            {
                throw new ArgumentException("Give a budget: --max-minutes M or --max-steps N (the same for every run).");
            }

            IAnsiConsole console = AnsiConsole.Console;
            string root = parse.GetValue(output)!;
            var baseSettings = new TrainSettings
            {
                MaxMinutes = parse.GetValue(minutes),
                MaxSteps = parse.GetValue(maxSteps),
                Preset = parse.GetValue(preset)!,
                Device = DeviceSelection.Parse(parse.GetValue(device)!),
                Initialization = parse.GetValue(init)!,
                FreezeConditionEncoder = parse.GetValue(freeze),
                SamplingSteps = parse.GetValue(steps),
            };
            var (train, valid) = TrainingRecipe.LoadData(baseSettings, console);
            IReadOnlyList<Seq2SeqPair> test = TrainingRecipe.FilterByLength(BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web"), MiniLmEmbeddings.CreateCodec(), baseSettings, console, "test")
                .Take(parse.GetValue(testRows)).ToList();

            var results = new List<AblationRun>();
            foreach (LatentSpaceKind space in spaces)
            {
                foreach (int seed in seedList)
                {
                    var settings = baseSettings with { Latent = space, Seed = seed, Output = Path.Combine(root, $"{space.ToString().ToLowerInvariant()}-seed{seed}") };
                    console.Write(new Rule($"{space} · seed {seed}").LeftJustified());
                    using SmoothiePipeline pipeline = TrainingRecipe.Build(settings, train);
                    var run = TrainingRecipe.Train(pipeline, settings, train, valid, console, cancellationToken);
                    EvaluationReport report = pipeline.Evaluate(test, new GenerationOptions { Steps = settings.SamplingSteps, Seed = seed }, cancellationToken);
                    results.Add(new AblationRun(space.ToString().ToLowerInvariant(), seed, run.Steps, run.Elapsed.TotalMinutes, report.Bleu, report.BleuLowercase, 100 * report.RougeL, report.Sari));
                    console.MarkupLine($"BLEU {report.Bleu:F1} / lowercased {report.BleuLowercase:F1}, ROUGE-L {100 * report.RougeL:F1}, SARI {report.Sari:F1}");
                    File.WriteAllLines(Path.Combine(settings.Output, "test-hypotheses.txt"), report.Hypotheses);
                }
            }

            EvaluationReport copy = PipelineEvaluation.Score(test, test.Select(p => p.Source).ToList());
            string markdown = Markdown(results, copy, test.Count);
            Directory.CreateDirectory(root);
            File.WriteAllText(Path.Combine(root, "results.md"), markdown);
            File.WriteAllText(Path.Combine(root, "results.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
            var table = new Table().AddColumns("latent", "runs", "steps", "BLEU", "BLEU (lc)", "ROUGE-L", "SARI");
            foreach (var group in results.GroupBy(r => r.Latent))
            {
                table.AddRow(group.Key, group.Count().ToString(CultureInfo.InvariantCulture), Stat(group.Select(r => (double)r.Steps), "F0"), Stat(group.Select(r => r.Bleu)), Stat(group.Select(r => r.BleuLowercase)), Stat(group.Select(r => r.RougeL)), Stat(group.Select(r => r.Sari)));
            }

            table.AddRow("copy source", "—", "—", F(copy.CopyBleu), F(copy.CopyBleuLowercase), F(100 * copy.CopyRougeL), F(copy.CopySari));
            console.Write(table);
            console.MarkupLine($"Wrote {Markup.Escape(Path.Combine(root, "results.md"))} and results.json.");
            return 0;
        }));
        return command;
    }

    private static string Markdown(IReadOnlyList<AblationRun> results, EvaluationReport copy, int testCount)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| latent space | runs | steps | BLEU | BLEU (lowercased) | ROUGE-L | SARI |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in results.GroupBy(r => r.Latent))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {Stat(group.Select(r => (double)r.Steps), "F0")} | {Stat(group.Select(r => r.Bleu))} | {Stat(group.Select(r => r.BleuLowercase))} | {Stat(group.Select(r => r.RougeL))} | {Stat(group.Select(r => r.Sari))} |");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"| copy the source | — | — | {F(copy.CopyBleu)} | {F(copy.CopyBleuLowercase)} | {F(100 * copy.CopyRougeL)} | {F(copy.CopySari)} |");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{testCount} test verses; mean ± standard deviation over seeds.");
        return sb.ToString();
    }

    private static string Stat(IEnumerable<double> values, string format = "F1")
    {
        double[] v = values.ToArray();
        double mean = v.Average();
        double std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return v.Length > 1 ? $"{mean.ToString(format, CultureInfo.InvariantCulture)} ± {std.ToString(format, CultureInfo.InvariantCulture)}" : mean.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private sealed record AblationRun(string Latent, int Seed, long Steps, double Minutes, double Bleu, double BleuLowercase, double RougeL, double Sari);
}
