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
        var options = new AblateOptions();
        var command = new Command("ablate", "Train and evaluate latent spaces with the same budget and seeds; print mean ± std.");
        options.AddTo(command);
        var recipe = new RecipeOptions(TrainSettings.Quickstart);
        recipe.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() => Run(parse, options, recipe, cancellationToken)));
        return command;
    }

    /// <summary>Trains (or reuses) every space × seed, scores each under every sampling setting and writes the table.</summary>
    private static int Run(ParseResult parse, AblateOptions o, RecipeOptions recipe, CancellationToken cancellationToken)
    {
        string[] models = List(parse.GetValue(o.Models)!).Select(m => m is "diffusion" or AblationRun.Autoregressive ? m : throw new ArgumentException($"--models: unknown value '{m}'; expected diffusion and/or autoregressive.")).Distinct().ToArray();
        LatentSpaceKind[] spaces = models.Contains("diffusion") ? List(parse.GetValue(o.Latents)!).Select(CliOptions.ParseLatent).ToArray() : [];
        int[] beamWidths = List(parse.GetValue(o.BeamWidths)!).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw new ArgumentException($"--beam-widths: '{s}' is not a positive integer.")).Distinct().ToArray();
        if (models.Length == 0 || beamWidths.Length == 0)
        {
            throw new ArgumentException("--models and --beam-widths each need at least one value.");
        }

        int[] seedList = List(parse.GetValue(o.Seeds)!).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new ArgumentException($"--seeds: '{s}' is not an integer.")).ToArray();
        int[] stepList = List(parse.GetValue(o.EvalSteps)!).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : throw new ArgumentException($"--eval-steps: '{s}' is not a positive integer.")).ToArray();
        string[] solverList = List(parse.GetValue(o.Solvers)!).Select(s => Smoothie.Sampling.Solvers.ReverseSteps.Names.Contains(s) ? s : throw new ArgumentException($"--solvers: unknown value '{s}'; expected one of {string.Join(", ", Smoothie.Sampling.Solvers.ReverseSteps.Names)}.")).ToArray();
        if (parse.GetValue(o.Minutes) is null && parse.GetValue(o.MaxSteps) is null)
        {
            throw new ArgumentException("Give a budget: --max-minutes M or --max-steps N (the same for every run).");
        }

        IAnsiConsole console = AnsiConsole.Console;
        TrainSettings baseSettings = recipe.Apply(parse, TrainSettings.Quickstart with
        {
            MaxMinutes = parse.GetValue(o.Minutes),
            MaxSteps = parse.GetValue(o.MaxSteps),
            Preset = parse.GetValue(o.Preset)!,
            Device = DeviceSelection.Parse(parse.GetValue(o.Device)!),
            Initialization = parse.GetValue(o.Init)!,
            FreezeConditionEncoder = parse.GetValue(o.Freeze),
            MaxTrainRows = parse.GetValue(o.MaxRows),
            SamplingSteps = stepList[0],
            Solver = solverList[0],
        });
        if (models.Contains(AblationRun.Autoregressive) && baseSettings.Embeddings != TrainSettings.MiniLmEmbeddingsName)
        {
            throw new ArgumentException($"--embeddings {baseSettings.Embeddings} cannot be compared with --models autoregressive: the autoregressive baseline uses the MiniLM vocabulary and embeddings.");
        }

        var (train, valid) = TrainingRecipe.LoadData(baseSettings, console);
        baseSettings = RecipeFit.Apply(baseSettings, train, console);
        string splitName = parse.GetValue(o.Split)!;
        IReadOnlyList<Seq2SeqPair> test = BibleCorpus.Pairs(splitName == "test" ? BibleSplit.Test : BibleSplit.Valid, "kjv", "web")
            .Take(parse.GetValue(o.TestRows)).ToList();
        using BertScore? bert = parse.GetValue(o.BertScore) ? new BertScore() : null;
        var plan = new AblationPlan(baseSettings, parse.GetValue(o.Output)!, solverList, stepList, splitName, !parse.GetValue(o.KeepRepeats),
            parse.GetValue(o.Clamp), parse.GetValue(o.Strength), parse.GetValue(o.Label), train, valid, test,
            test.Select(p => (IReadOnlyList<string>)[p.Target]).ToList(), bert, ReaderBaselines.Learn(train), console) { BeamWidths = beamWidths };

        var results = new List<AblationRun>();
        foreach (LatentSpaceKind space in spaces)
        {
            foreach (int seed in seedList)
            {
                results.AddRange(RunSeed(plan, space, seed, cancellationToken));
            }
        }

        if (models.Contains(AblationRun.Autoregressive))
        {
            foreach (int seed in seedList)
            {
                results.AddRange(AutoregressiveAblation.RunSeed(plan, seed, cancellationToken));
            }
        }

        Report(plan, results);
        return 0;
    }

    /// <summary>One space and seed: reuses its cached scores, or trains (or loads the finished run) and scores what is missing.</summary>
    private static IEnumerable<AblationRun> RunSeed(AblationPlan plan, LatentSpaceKind space, int seed, CancellationToken cancellationToken)
    {
        var settings = plan.BaseSettings with { Latent = space, Seed = seed, Output = Path.Combine(plan.Root, $"{space.ToString().ToLowerInvariant()}-seed{seed}") };
        string name = (plan.Label ?? space.ToString().ToLowerInvariant()) + (plan.Clamp ? " (clamped)" : string.Empty)
            + (plan.Strength < 1 ? string.Create(CultureInfo.InvariantCulture, $" (strength {plan.Strength})") : string.Empty)
            + (plan.RemoveRepeats ? string.Empty : " (repeats kept)");
        string cache = Path.Combine(settings.Output, "ablation-runs.json");
        List<AblationRun> cached = File.Exists(cache) ? JsonSerializer.Deserialize<List<AblationRun>>(File.ReadAllText(cache)) ?? [] : [];
        var wanted = (from solver in plan.Solvers from steps in plan.Steps select (solver, steps)).ToList();
        if (wanted.All(w => cached.Any(c => plan.Matches(c, w))))
        {
            plan.Console.MarkupLine($"{space} · seed {seed}: reusing the scores in {Markup.Escape(cache)}.");
            return wanted.Select(w => cached.First(c => plan.Matches(c, w)) with { Label = name }).ToList();
        }

        plan.Console.Write(new Rule($"{space} · seed {seed}").LeftJustified());
        bool finished = cached.Count > 0 && File.Exists(Path.Combine(settings.Output, PipelineFolder.ConfigurationFile));
        using SmoothiePipeline pipeline = finished ? SmoothiePipeline.Load(settings.Output, settings.Device) : TrainingRecipe.Build(settings, plan.Train);
        (long trainSteps, double trainMinutes) = finished
            ? (cached[0].TrainSteps, cached[0].TrainMinutes)
            : TrainedFor(TrainingRecipe.Train(pipeline, settings, plan.Train, plan.Valid, plan.Console, cancellationToken));
        if (finished)
        {
            plan.Console.MarkupLine($"Loaded the finished run in {Markup.Escape(settings.Output)} ({trainSteps:N0} steps) to score new sampling settings.");
        }

        var runs = new List<AblationRun>(cached);
        foreach ((string solver, int steps) in wanted.Where(w => !cached.Any(c => plan.Matches(c, w))))
        {
            var trained = new AblationRun(name, space.ToString().ToLowerInvariant(), seed, trainSteps, trainMinutes, solver, steps, plan.Test.Count, 0, 0, 0, 0, null, 0, plan.Clamp, plan.Strength);
            runs.Add(Score(plan, pipeline, settings.Output, trained, cancellationToken));
        }

        File.WriteAllText(cache, JsonSerializer.Serialize(runs, new JsonSerializerOptions { WriteIndented = true }));
        return wanted.Select(w => runs.First(c => plan.Matches(c, w)) with { Label = name }).ToList();
    }

    /// <summary>
    /// Scores <paramref name="pipeline"/> under the sampling setting of <paramref name="run"/> (its solver and steps; its
    /// scores are filled in), prints the scores and writes the hypotheses into <paramref name="output"/>.
    /// </summary>
    private static AblationRun Score(AblationPlan plan, SmoothiePipeline pipeline, string output, AblationRun run, CancellationToken cancellationToken)
    {
        (string solver, int steps) = (run.Solver, run.SamplingSteps);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        EvaluationReport report = pipeline.EvaluateWithBaselines(plan.Test, plan.Baselines.Lookup, plan.Baselines.TargetWords, new GenerationOptions { Steps = steps, Solver = solver, Seed = run.Seed, ClampToNearestToken = plan.Clamp, Strength = plan.Strength, RemoveRepeatedWords = plan.RemoveRepeats }, cancellationToken);
        double seconds = clock.Elapsed.TotalSeconds;
        double? f1 = plan.Bert?.CorpusScore(report.Hypotheses, plan.References).F1 * 100;
        var scored = run with
        {
            Bleu = report.Bleu,
            BleuLowercase = report.BleuLowercase,
            RougeL = 100 * report.RougeL,
            Sari = report.Sari,
            BertScoreF1 = f1,
            SampleSeconds = seconds,
            Split = plan.Split,
            KeepRepeats = !plan.RemoveRepeats,
            Archaic = report.ArchaicRewritten,
            Reader = ReaderScores.Of(report),
        };
        plan.Console.MarkupLine($"{solver} × {steps} steps: BLEU {report.Bleu:F1} / lowercased {report.BleuLowercase:F1}, ROUGE-L {100 * report.RougeL:F1}, SARI {report.Sari:F1}, archaic rewritten {report.ArchaicRewritten:F1} %"
            + (f1 is { } f ? $", BERTScore F1 {f:F1}" : string.Empty) + $" ({seconds:F0} s)");
        File.WriteAllLines(Path.Combine(output, $"{plan.Split}-hypotheses-{solver}-{steps}{(plan.Clamp ? "-clamped" : string.Empty)}{(plan.Strength < 1 ? string.Create(CultureInfo.InvariantCulture, $"-strength{plan.Strength}") : string.Empty)}.txt"), report.Hypotheses);
        return scored;
    }

    /// <summary>Prints the table of every configuration and the two baselines and writes results.md and results.json.</summary>
    private static void Report(AblationPlan plan, IReadOnlyList<AblationRun> results)
    {
        IReadOnlyList<Seq2SeqPair> test = plan.Test;
        EvaluationReport copy = PipelineEvaluation.Score(test, test.Select(p => p.Source).ToList(), plan.Baselines.Lookup, plan.Baselines.TargetWords);
        double? copyBert = plan.Bert?.CorpusScore(test.Select(p => p.Source).ToList(), plan.References).F1 * 100;
        bool manySampling = plan.Solvers.Count * plan.Steps.Count > 1;
        string markdown = Markdown(results, copy, copyBert, test.Count, plan.Split, manySampling, plan.BaseSettings);
        Directory.CreateDirectory(plan.Root);
        File.WriteAllText(Path.Combine(plan.Root, "results.md"), markdown);
        File.WriteAllText(Path.Combine(plan.Root, "results.json"), JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        var table = new Table().AddColumns("configuration", "runs", "train steps", "minutes", "generate s", "BLEU", "kept %", "invented %", "clean rows %", "edit F0.5", "BLEU (lc)", "ROUGE-L", "SARI", "BERTScore F1");
        foreach (var group in Groups(results, manySampling))
        {
            table.AddRow([Markup.Escape(group.Key), group.Count().ToString(CultureInfo.InvariantCulture), Stat(group.Select(r => (double)r.TrainSteps), "F0"), Stat(group.Select(r => r.TrainMinutes)),
                Stat(group.Select(r => r.SampleSeconds), "F0"), Stat(group.Select(r => r.Bleu)), .. ReaderScores.Stats(group.Select(r => r.Reader), Stat), Stat(group.Select(r => r.BleuLowercase)), Stat(group.Select(r => r.RougeL)), Stat(group.Select(r => r.Sari)), BertStat(group)]);
        }

        table.AddRow(["copy the source", "—", "—", "—", "—", F(copy.CopyBleu), .. ReaderScores.Cells(copy.CopyScores!), F(copy.CopyBleuLowercase), F(100 * copy.CopyRougeL), F(copy.CopySari), copyBert is { } cb ? F(cb) : "—"]);
        SystemScores lookup = copy.LookupScores!;
        table.AddRow(["word lookup", "—", "—", "—", "—", F(lookup.Bleu), .. ReaderScores.Cells(lookup), F(lookup.BleuLowercase), F(100 * lookup.RougeL), F(lookup.Sari), "—"]);
        plan.Console.Write(table);
        foreach (AblationRun run in results.Where(r => r.Reader?.VsLookup is not null))
        {
            plan.Console.WriteLine($"{run.Label} · seed {run.Seed}{(run.IsAutoregressive ? string.Empty : $" · {run.Solver} × {run.SamplingSteps}")}: {run.Reader!.VsLookup}");
        }

        plan.Console.MarkupLine($"Wrote {Markup.Escape(Path.Combine(plan.Root, "results.md"))} and results.json.");
    }

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IEnumerable<IGrouping<string, AblationRun>> Groups(IEnumerable<AblationRun> results, bool manySampling) =>
        results.GroupBy(r => manySampling && !r.IsAutoregressive ? $"{r.Label} · {r.Solver} × {r.SamplingSteps}" : r.Label);

    private static string Markdown(IReadOnlyList<AblationRun> results, EvaluationReport copy, double? copyBert, int testCount, string splitName, bool manySampling, TrainSettings settings)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| configuration | runs | train steps | minutes | generate s | BLEU | kept % | invented % | clean rows % | edit F0.5 | BLEU (lowercased) | ROUGE-L | SARI | archaic rewritten % | BERTScore F1 |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in Groups(results, manySampling))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {Stat(group.Select(r => (double)r.TrainSteps), "F0")} | {Stat(group.Select(r => r.TrainMinutes))} | {Stat(group.Select(r => r.SampleSeconds), "F0")} | {Stat(group.Select(r => r.Bleu))} | {string.Join(" | ", ReaderScores.Stats(group.Select(r => r.Reader), Stat))} | {Stat(group.Select(r => r.BleuLowercase))} | {Stat(group.Select(r => r.RougeL))} | {Stat(group.Select(r => r.Sari))} | {(group.All(r => r.Archaic is not null) ? Stat(group.Select(r => r.Archaic!.Value)) : "—")} | {BertStat(group)} |");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"| copy the source | — | — | — | — | {F(copy.CopyBleu)} | {string.Join(" | ", ReaderScores.Cells(copy.CopyScores!))} | {F(copy.CopyBleuLowercase)} | {F(100 * copy.CopyRougeL)} | {F(copy.CopySari)} | 0.0 | {(copyBert is { } cb ? F(cb) : "—")} |");
        SystemScores lookup = copy.LookupScores!;
        sb.AppendLine(CultureInfo.InvariantCulture, $"| word lookup | — | — | — | — | {F(lookup.Bleu)} | {string.Join(" | ", ReaderScores.Cells(lookup))} | {F(lookup.BleuLowercase)} | {F(100 * lookup.RougeL)} | {F(lookup.Sari)} | {F(lookup.ArchaicRewritten)} | — |");
        foreach (AblationRun run in results.Where(r => r.Reader?.VsLookup is not null))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {run.Label} · seed {run.Seed}{(run.IsAutoregressive ? string.Empty : $" · {run.Solver} × {run.SamplingSteps}")}: {run.Reader!.VsLookup}");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{testCount} {splitName} verses (KJV → WEB, all lengths); mean ± standard deviation over seeds. Recipe: preset {settings.Preset}, init {settings.Initialization}"
            + $"{(settings.FreezeConditionEncoder ? " (condition encoder frozen)" : string.Empty)}, batch {settings.BatchSize}, lr {settings.LearningRate.ToString("g3", CultureInfo.InvariantCulture)}, warm-up {settings.WarmupSteps}"
            + $", distance settings {settings.DistanceSettings}"
            + $"{(settings.SigmaMin is { } s ? $", σ_min {s.ToString(CultureInfo.InvariantCulture)}" : string.Empty)}{(settings.Schedule is { } sc ? $", schedule {sc}" : string.Empty)}"
            + $"{(settings.ScheduleParameters is { } p ? ", " + string.Join(", ", p.Select(kv => $"{kv.Key} = {kv.Value.ToString(CultureInfo.InvariantCulture)}")) : string.Empty)}"
            + $"{(settings.SelfConditioning ? ", self-conditioning" : string.Empty)}{(settings.InputSkip ? ", input skip" : string.Empty)}{(settings.Dropout is { } dropout ? FormattableString.Invariant($", dropout {dropout}") : string.Empty)}{settings.CopyHead switch { true => ", copy head", false => ", no copy head", null => ", copy head (distance, embedding)" }}, layout {settings.Layout ?? $"{settings.MeasuredLayout ?? "aligned"} with the copy head (chosen from the training pairs)"}{(settings.DistanceInput == "posterior" ? ", distance input: posterior" : string.Empty)}, t {settings.TimeSampling}, vocabulary {settings.Vocabulary}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"train steps and minutes: the training run's; generate s: wall-clock seconds to rewrite the {testCount} verses with the row's decoding.");
        if (results.Any(r => r.IsAutoregressive))
        {
            sb.AppendLine($"Autoregressive rows: a pointer-generator Transformer encoder–decoder of preset {settings.Preset}'s width, heads and depth (encoder = its condition encoder's blocks, decoder = its denoiser's), the same MiniLM embeddings, codec and target sub-vocabulary (plus copying any source token), trained by teacher forcing with the same batch, optimiser, learning-rate schedule, EMA and budget; decoded greedily or by beam search (scores normalised by length, α = 1), repeats kept.");
        }

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

    private static (long Steps, double Minutes) TrainedFor(Smoothie.Training.Trainer.TrainingRunResult run) => (run.Steps, run.Elapsed.TotalMinutes);
}
