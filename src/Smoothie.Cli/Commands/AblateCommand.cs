using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Evaluation;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary>
/// <c>smoothie ablate</c>: trains and evaluates several latent spaces with the same budget, data, recipe and seeds and
/// prints one table of mean ± std over seeds (also written as Markdown and JSON into the output folder). Every trained
/// model can be scored under several sampling settings (<c>--solvers</c> × <c>--eval-steps</c>). A finished run keeps its
/// scores in its folder, so an interrupted or repeated ablation reuses them instead of training again.
/// </summary>
internal static class AblateCommand
{
    public static Command Create()
    {
        var latents = new Option<string>("--latents") { Description = "Comma-separated latent spaces (distance, embedding, simplex).", DefaultValueFactory = _ => "distance,embedding,simplex" };
        var seeds = new Option<string>("--seeds") { Description = "Comma-separated seeds.", DefaultValueFactory = _ => "1,2,3" };
        var minutes = new Option<double?>("--max-minutes") { Description = "Training budget per run (minutes)." };
        var maxSteps = new Option<long?>("--max-steps") { Description = "Training steps per run." };
        var preset = CliOptions.Preset();
        var testRows = CliOptions.Positive(new Option<int>("--test-rows") { Description = "Held-out verses to score.", DefaultValueFactory = _ => 200 });
        var evalSteps = new Option<string>("--eval-steps") { Description = "Comma-separated sampling step counts to score every model with.", DefaultValueFactory = _ => "50" };
        var solvers = new Option<string>("--solvers") { Description = "Comma-separated reverse steps to score every model with (renoise, ddpm, ddim, sde).", DefaultValueFactory = _ => Smoothie.Sampling.Solvers.ReverseSteps.Renoise };
        var output = new Option<string>("--out") { Description = "Folder for the runs and the result table.", DefaultValueFactory = _ => "runs/ablate" };
        var device = CliOptions.Device();
        var init = CliOptions.Init();
        var freeze = CliOptions.FreezeConditionEncoder();
        var bertScore = new Option<bool>("--bertscore") { Description = "Also report BERTScore F1 (MiniLM, slower)." };
        var strength = CliOptions.Strength();
        var clamp = new Option<bool>("--clamp") { Description = "Score with every prediction clamped to its nearest token embedding (distance and embedding spaces)." };
        var maxRows = new Option<int?>("--max-train-rows") { Description = "Use only the first N training pairs." };
        var split = new Option<string>("--split") { Description = "Which held-out split to score on: valid (default; choose settings here) or test (report once).", DefaultValueFactory = _ => "valid" }.AcceptOnlyFromAmong("valid", "test");
        var keepRepeats = new Option<bool>("--keep-repeats") { Description = "Score the outputs with repeated words kept (default: a word equal to the one before it is dropped)." };
        var label = new Option<string?>("--label") { Description = "A name for this configuration in the table (default: the latent space)." };
        var command = new Command("ablate", "Train and evaluate latent spaces with the same budget and seeds; print mean ± std.")
        {
            latents, seeds, minutes, maxSteps, preset, testRows, evalSteps, solvers, output, device, init, freeze, bertScore, label, maxRows, clamp, strength, split, keepRepeats,
        };
        var recipe = new RecipeOptions(TrainSettings.Quickstart);
        recipe.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() =>
        {
            LatentSpaceKind[] spaces = List(parse.GetValue(latents)!).Select(CliOptions.ParseLatent).ToArray();
            int[] seedList = List(parse.GetValue(seeds)!).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new ArgumentException($"--seeds: '{s}' is not an integer.")).ToArray();
            int[] stepList = List(parse.GetValue(evalSteps)!).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw new ArgumentException($"--eval-steps: '{s}' is not a positive integer.")).ToArray();
            string[] solverList = List(parse.GetValue(solvers)!).Select(s => Smoothie.Sampling.Solvers.ReverseSteps.Names.Contains(s) ? s : throw new ArgumentException($"--solvers: unknown value '{s}'; expected one of {string.Join(", ", Smoothie.Sampling.Solvers.ReverseSteps.Names)}.")).ToArray();
            if (parse.GetValue(minutes) is null && parse.GetValue(maxSteps) is null)
            {
                throw new ArgumentException("Give a budget: --max-minutes M or --max-steps N (the same for every run).");
            }

            IAnsiConsole console = AnsiConsole.Console;
            string root = parse.GetValue(output)!;
            TrainSettings baseSettings = recipe.Apply(parse, TrainSettings.Quickstart with
            {
                MaxMinutes = parse.GetValue(minutes),
                MaxSteps = parse.GetValue(maxSteps),
                Preset = parse.GetValue(preset)!,
                Device = DeviceSelection.Parse(parse.GetValue(device)!),
                Initialization = parse.GetValue(init)!,
                FreezeConditionEncoder = parse.GetValue(freeze),
                MaxTrainRows = parse.GetValue(maxRows),
                SamplingSteps = stepList[0],
                Solver = solverList[0],
            });
            var (train, valid) = TrainingRecipe.LoadData(baseSettings, console);
            string splitName = parse.GetValue(split)!;
            bool removeRepeats = !parse.GetValue(keepRepeats);
            IReadOnlyList<Seq2SeqPair> test = BibleCorpus.Pairs(splitName == "test" ? BibleSplit.Test : BibleSplit.Valid, "kjv", "web")
                .Take(parse.GetValue(testRows)).ToList();
            using BertScore? bert = parse.GetValue(bertScore) ? new BertScore() : null;
            IReadOnlyList<IReadOnlyList<string>> references = test.Select(p => (IReadOnlyList<string>)[p.Target]).ToList();
            var baselines = ReaderBaselines.Learn(train);

            var results = new List<AblationRun>();
            foreach (LatentSpaceKind space in spaces)
            {
                foreach (int seed in seedList)
                {
                    var settings = baseSettings with { Latent = space, Seed = seed, Output = Path.Combine(root, $"{space.ToString().ToLowerInvariant()}-seed{seed}") };
                    bool clamped = parse.GetValue(clamp);
                    double startTime = parse.GetValue(strength);
                    string name = (parse.GetValue(label) ?? space.ToString().ToLowerInvariant()) + (clamped ? " (clamped)" : string.Empty)
                        + (startTime < 1 ? string.Create(CultureInfo.InvariantCulture, $" (strength {startTime})") : string.Empty)
                        + (removeRepeats ? string.Empty : " (repeats kept)");
                    string cache = Path.Combine(settings.Output, "ablation-runs.json");
                    List<AblationRun> cached = File.Exists(cache) ? JsonSerializer.Deserialize<List<AblationRun>>(File.ReadAllText(cache)) ?? [] : [];
                    var wanted = (from solver in solverList from steps in stepList select (solver, steps)).ToList();
                    bool Matches(AblationRun c, (string Solver, int Steps) w) =>
                        c.Solver == w.Solver && c.SamplingSteps == w.Steps && c.Clamp == clamped && c.Strength == startTime && c.TestRows == test.Count && (c.BertScoreF1 is not null || bert is null)
                        && c.Split == splitName && c.KeepRepeats == !removeRepeats;
                    if (wanted.All(w => cached.Any(c => Matches(c, w))))
                    {
                        console.MarkupLine($"{space} · seed {seed}: reusing the scores in {Markup.Escape(cache)}.");
                        results.AddRange(wanted.Select(w => cached.First(c => Matches(c, w)) with { Label = name }));
                        continue;
                    }

                    console.Write(new Rule($"{space} · seed {seed}").LeftJustified());
                    bool finished = cached.Count > 0 && File.Exists(Path.Combine(settings.Output, PipelineFolder.ConfigurationFile));
                    using SmoothiePipeline pipeline = finished ? SmoothiePipeline.Load(settings.Output, settings.Device) : TrainingRecipe.Build(settings, train);
                    (long trainSteps, double trainMinutes) = finished
                        ? (cached[0].TrainSteps, cached[0].TrainMinutes)
                        : TrainedFor(TrainingRecipe.Train(pipeline, settings, train, valid, console, cancellationToken));
                    if (finished)
                    {
                        console.MarkupLine($"Loaded the finished run in {Markup.Escape(settings.Output)} ({trainSteps:N0} steps) to score new sampling settings.");
                    }

                    var runs = new List<AblationRun>(cached);
                    foreach ((string solver, int steps) in wanted.Where(w => !cached.Any(c => Matches(c, w))))
                    {
                        var clock = System.Diagnostics.Stopwatch.StartNew();
                        EvaluationReport report = pipeline.EvaluateWithBaselines(test, baselines.Lookup, baselines.TargetWords, new GenerationOptions { Steps = steps, Solver = solver, Seed = seed, ClampToNearestToken = clamped, Strength = startTime, RemoveRepeatedWords = removeRepeats }, cancellationToken);
                        double seconds = clock.Elapsed.TotalSeconds;
                        double? f1 = bert?.CorpusScore(report.Hypotheses, references).F1 * 100;
                        var scored = new AblationRun(name, space.ToString().ToLowerInvariant(), seed, trainSteps, trainMinutes, solver, steps, test.Count,
                            report.Bleu, report.BleuLowercase, 100 * report.RougeL, report.Sari, f1, seconds, clamped, startTime)
                        {
                            Split = splitName,
                            KeepRepeats = !removeRepeats,
                            Archaic = report.ArchaicRewritten,
                            Reader = ReaderScores.Of(report),
                        };
                        runs.Add(scored);
                        console.MarkupLine($"{solver} × {steps} steps: BLEU {report.Bleu:F1} / lowercased {report.BleuLowercase:F1}, ROUGE-L {100 * report.RougeL:F1}, SARI {report.Sari:F1}, archaic rewritten {report.ArchaicRewritten:F1} %"
                            + (f1 is { } f ? $", BERTScore F1 {f:F1}" : string.Empty) + $" ({seconds:F0} s)");
                        File.WriteAllLines(Path.Combine(settings.Output, $"{splitName}-hypotheses-{solver}-{steps}{(clamped ? "-clamped" : string.Empty)}{(startTime < 1 ? string.Create(CultureInfo.InvariantCulture, $"-strength{startTime}") : string.Empty)}.txt"), report.Hypotheses);
                    }

                    File.WriteAllText(cache, JsonSerializer.Serialize(runs, new JsonSerializerOptions { WriteIndented = true }));
                    results.AddRange(wanted.Select(w => runs.First(c => Matches(c, w)) with { Label = name }));
                }
            }

            EvaluationReport copy = PipelineEvaluation.Score(test, test.Select(p => p.Source).ToList(), baselines.Lookup, baselines.TargetWords);
            double? copyBert = bert?.CorpusScore(test.Select(p => p.Source).ToList(), references).F1 * 100;
            bool manySampling = solverList.Length * stepList.Length > 1;
            string markdown = Markdown(results, copy, copyBert, test.Count, splitName, manySampling, baseSettings);
            Directory.CreateDirectory(root);
            File.WriteAllText(Path.Combine(root, "results.md"), markdown);
            File.WriteAllText(Path.Combine(root, "results.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
            var table = new Table().AddColumns("configuration", "runs", "train steps", "minutes", "BLEU", "kept %", "invented %", "clean rows %", "edit F0.5", "BLEU (lc)", "ROUGE-L", "SARI", "BERTScore F1");
            foreach (var group in Groups(results, manySampling))
            {
                table.AddRow([Markup.Escape(group.Key), group.Count().ToString(CultureInfo.InvariantCulture), Stat(group.Select(r => (double)r.TrainSteps), "F0"), Stat(group.Select(r => r.TrainMinutes)),
                    Stat(group.Select(r => r.Bleu)), .. ReaderScores.Stats(group.Select(r => r.Reader), Stat), Stat(group.Select(r => r.BleuLowercase)), Stat(group.Select(r => r.RougeL)), Stat(group.Select(r => r.Sari)), BertStat(group)]);
            }

            table.AddRow(["copy the source", "—", "—", "—", F(copy.CopyBleu), .. ReaderScores.Cells(copy.CopyScores!), F(copy.CopyBleuLowercase), F(100 * copy.CopyRougeL), F(copy.CopySari), copyBert is { } cb ? F(cb) : "—"]);
            SystemScores lookup = copy.LookupScores!;
            table.AddRow(["word lookup", "—", "—", "—", F(lookup.Bleu), .. ReaderScores.Cells(lookup), F(lookup.BleuLowercase), F(100 * lookup.RougeL), F(lookup.Sari), "—"]);
            console.Write(table);
            foreach (AblationRun run in results.Where(r => r.Reader?.VsLookup is not null))
            {
                console.WriteLine($"{run.Label} · seed {run.Seed} · {run.Solver} × {run.SamplingSteps}: {run.Reader!.VsLookup}");
            }

            console.MarkupLine($"Wrote {Markup.Escape(Path.Combine(root, "results.md"))} and results.json.");
            return 0;
        }));
        return command;
    }

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IEnumerable<IGrouping<string, AblationRun>> Groups(IEnumerable<AblationRun> results, bool manySampling) =>
        results.GroupBy(r => manySampling ? $"{r.Label} · {r.Solver} × {r.SamplingSteps}" : r.Label);

    private static string Markdown(IReadOnlyList<AblationRun> results, EvaluationReport copy, double? copyBert, int testCount, string splitName, bool manySampling, TrainSettings settings)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| configuration | runs | train steps | minutes | BLEU | kept % | invented % | clean rows % | edit F0.5 | BLEU (lowercased) | ROUGE-L | SARI | archaic rewritten % | BERTScore F1 |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in Groups(results, manySampling))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {Stat(group.Select(r => (double)r.TrainSteps), "F0")} | {Stat(group.Select(r => r.TrainMinutes))} | {Stat(group.Select(r => r.Bleu))} | {string.Join(" | ", ReaderScores.Stats(group.Select(r => r.Reader), Stat))} | {Stat(group.Select(r => r.BleuLowercase))} | {Stat(group.Select(r => r.RougeL))} | {Stat(group.Select(r => r.Sari))} | {(group.All(r => r.Archaic is not null) ? Stat(group.Select(r => r.Archaic!.Value)) : "—")} | {BertStat(group)} |");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"| copy the source | — | — | — | {F(copy.CopyBleu)} | {string.Join(" | ", ReaderScores.Cells(copy.CopyScores!))} | {F(copy.CopyBleuLowercase)} | {F(100 * copy.CopyRougeL)} | {F(copy.CopySari)} | 0.0 | {(copyBert is { } cb ? F(cb) : "—")} |");
        SystemScores lookup = copy.LookupScores!;
        sb.AppendLine(CultureInfo.InvariantCulture, $"| word lookup | — | — | — | {F(lookup.Bleu)} | {string.Join(" | ", ReaderScores.Cells(lookup))} | {F(lookup.BleuLowercase)} | {F(100 * lookup.RougeL)} | {F(lookup.Sari)} | {F(lookup.ArchaicRewritten)} | — |");
        foreach (AblationRun run in results.Where(r => r.Reader?.VsLookup is not null))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {run.Label} · seed {run.Seed} · {run.Solver} × {run.SamplingSteps}: {run.Reader!.VsLookup}");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{testCount} {splitName} verses (KJV → WEB, all lengths); mean ± standard deviation over seeds. Recipe: preset {settings.Preset}, init {settings.Initialization}"
            + $"{(settings.FreezeConditionEncoder ? " (condition encoder frozen)" : string.Empty)}, batch {settings.BatchSize}, lr {settings.LearningRate.ToString("g3", CultureInfo.InvariantCulture)}, warm-up {settings.WarmupSteps}"
            + $", distance settings {settings.DistanceSettings}"
            + $"{(settings.SigmaMin is { } s ? $", σ_min {s.ToString(CultureInfo.InvariantCulture)}" : string.Empty)}{(settings.Schedule is { } sc ? $", schedule {sc}" : string.Empty)}"
            + $"{(settings.ScheduleParameters is { } p ? ", " + string.Join(", ", p.Select(kv => $"{kv.Key} = {kv.Value.ToString(CultureInfo.InvariantCulture)}")) : string.Empty)}"
            + $"{(settings.SelfConditioning ? ", self-conditioning" : string.Empty)}{(settings.InputSkip ? ", input skip" : string.Empty)}{settings.CopyHead switch { true => ", copy head", false => ", no copy head", null => ", copy head (distance, embedding)" }}, layout {settings.Layout ?? "aligned with the copy head"}{(settings.DistanceInput == "posterior" ? ", distance input: posterior" : string.Empty)}, t {settings.TimeSampling}, vocabulary {settings.Vocabulary}.");
        return sb.ToString();
    }

    private static string BertStat(IEnumerable<AblationRun> group)
    {
        double[] values = group.Where(r => r.BertScoreF1 is not null).Select(r => r.BertScoreF1!.Value).ToArray();
        return values.Length == 0 ? "—" : Stat(values);
    }

    private static string Stat(IEnumerable<double> values, string format = "F1")
    {
        double[] v = values.ToArray();
        double mean = v.Average();
        double std = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return v.Length > 1 ? $"{mean.ToString(format, CultureInfo.InvariantCulture)} ± {std.ToString(format, CultureInfo.InvariantCulture)}" : mean.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string F(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private sealed record AblationRun(string Label, string Latent, int Seed, long TrainSteps, double TrainMinutes, string Solver, int SamplingSteps, int TestRows,
        double Bleu, double BleuLowercase, double RougeL, double Sari, double? BertScoreF1, double SampleSeconds, bool Clamp = false, double Strength = 1.0)
    {
        /// <summary>The split scored (runs cached before the option existed were scored on test).</summary>
        public string Split { get; init; } = "test";

        /// <summary>Whether repeated words were kept.</summary>
        public bool KeepRepeats { get; init; }

        /// <summary>Archaic words rewritten, %, or null for runs cached before it was measured.</summary>
        public double? Archaic { get; init; }

        /// <summary>The reader metrics and the bootstrap against the word lookup, or null for runs cached before they were measured.</summary>
        public ReaderScores? Reader { get; init; }
    }

    private static (long Steps, double Minutes) TrainedFor(Smoothie.Training.Trainer.TrainingRunResult run) => (run.Steps, run.Elapsed.TotalMinutes);
}
