using System.CommandLine;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary>
/// <c>smoothie quickstart</c>: the README's main job. Trains a small model on the bundled KJV → WEB data within a CPU
/// budget, then rewrites held-out verses and prints examples and BLEU / ROUGE-L / SARI beside the copy baseline.
/// </summary>
internal static class QuickstartCommand
{
    public static Command Create()
    {
        var minutes = new Option<double>("--max-minutes") { Description = "Training budget in minutes.", DefaultValueFactory = _ => 7 };
        var output = new Option<string>("--out") { Description = "Output folder (resumed when it exists).", DefaultValueFactory = _ => "runs/quickstart" };
        var latent = CliOptions.Latent();
        var preset = CliOptions.Preset();
        var testRows = CliOptions.Positive(new Option<int>("--test-rows") { Description = "Held-out verses to rewrite and score.", DefaultValueFactory = _ => 100 });
        var steps = CliOptions.OptionalSteps("Sampling steps N (default: 10 with the aligned layout, 50 otherwise).");
        var seed = CliOptions.Seed();
        var device = CliOptions.Device();
        var init = CliOptions.Init();
        var freeze = CliOptions.FreezeConditionEncoder();
        var solver = CliOptions.Solver();
        var strength = CliOptions.Strength();
        var command = new Command("quickstart", "Train on the bundled KJV → WEB verses for a few minutes, then rewrite held-out verses and score them.")
        {
            minutes, output, latent, preset, testRows, steps, seed, device, init, freeze, solver, strength,
        };
        var recipe = new RecipeOptions(TrainSettings.Quickstart);
        recipe.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() =>
        {
            if (parse.GetValue(minutes) <= 0)
            {
                throw new ArgumentException($"--max-minutes must be positive; got {parse.GetValue(minutes)}.");
            }

            TrainSettings settings = recipe.Apply(parse, TrainSettings.Quickstart with
            {
                MaxMinutes = parse.GetValue(minutes),
                Output = parse.GetValue(output)!,
                Latent = CliOptions.ParseLatent(parse.GetValue(latent)!),
                Preset = parse.GetValue(preset)!,
                Seed = parse.GetValue(seed),
                Device = DeviceSelection.Parse(parse.GetValue(device)!),
                Initialization = parse.GetValue(init)!,
                FreezeConditionEncoder = parse.GetValue(freeze),
                SamplingSteps = parse.GetValue(steps),
                Solver = parse.GetValue(solver)!,
            });
            IAnsiConsole console = AnsiConsole.Console;
            console.Write(new Rule("[bold]Smoothie quickstart[/]: KJV → modern English (WEB)").LeftJustified());
            var (train, valid) = TrainingRecipe.LoadData(settings, console);
            settings = RecipeFit.Apply(settings, train, console);
            using SmoothiePipeline pipeline = TrainingRecipe.Build(settings, train);
            TrainingRecipe.Train(pipeline, settings, train, valid, console, cancellationToken);

            IReadOnlyList<Seq2SeqPair> test = BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web")
                .Take(parse.GetValue(testRows)).ToList();
            double startTime = parse.GetValue(strength);
            console.MarkupLine($"Rewriting {test.Count} held-out verses with {pipeline.Configuration.SamplingSteps} sampling steps{(pipeline.Configuration.ClampToNearestToken ? " (clamped" + (pipeline.Configuration.SamplingDelta is { } d ? $", δ {d}" : string.Empty) + ")" : string.Empty)}"
                + (startTime < 1 ? $", starting from each source verse noised to t = {startTime} (--strength)…" : " from pure noise…"));
            var baselines = ReaderBaselines.Of(pipeline, train);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            EvaluationReport report = pipeline.EvaluateWithBaselines(test, baselines.Lookup, baselines.TargetWords, new GenerationOptions { Seed = settings.Seed, Strength = startTime }, cancellationToken);
            console.MarkupLine($"Generated in {clock.Elapsed.TotalSeconds:0} s.");
            EvaluationPrinter.Print(console, test, report, examples: 6);
            return 0;
        }));
        return command;
    }
}
