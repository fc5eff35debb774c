using System.CommandLine;
using Smoothie.Autoregressive;
using Smoothie.Autoregressive.Decoding;
using Smoothie.Diffusion.Configuration;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary>
/// <c>smoothie autoregressive train|generate</c>: one autoregressive baseline model (a pointer-generator Transformer of
/// a preset's size, docs/results.md "Autoregressive baseline") trained with the same recipe as <c>train</c>'s diffusion
/// runs into a folder, and rewriting texts with such a folder (greedy or beam search). <c>ablate --models …</c> trains
/// and scores it beside the diffusion models.
/// </summary>
internal static class AutoregressiveCommand
{
    public static Command Create()
    {
        var command = new Command("autoregressive", "The autoregressive baseline (pointer-generator Transformer of a preset's size): train one, or rewrite texts with one.");
        command.Subcommands.Add(CreateTrain());
        command.Subcommands.Add(CreateGenerate());
        return command;
    }

    private static Command CreateTrain()
    {
        TrainSettings defaults = TrainSettings.Quickstart with { Output = "runs/autoregressive" };
        var data = new Option<string?>("--data") { Description = "TSV/CSV/JSONL file of pairs (default: the bundled Bible corpus)." };
        var valid = new Option<string?>("--valid") { Description = "Validation file with the same columns (optional)." };
        var source = new Option<string>("--source") { Description = "Source column.", DefaultValueFactory = _ => "kjv" };
        var target = new Option<string>("--target") { Description = "Target column.", DefaultValueFactory = _ => "web" };
        var maxSteps = new Option<long?>("--max-steps") { Description = "Stop after N optimisation steps." };
        maxSteps.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is <= 0 and { } v)
            {
                r.AddError($"--max-steps must be positive; got {v}.");
            }
        });
        var maxMinutes = new Option<double?>("--max-minutes") { Description = "Stop after M minutes (a checkpoint is saved)." };
        var output = new Option<string>("--out") { Description = "Output folder (checkpoints + model); an existing run there is resumed.", DefaultValueFactory = _ => defaults.Output };
        var batch = CliOptions.Positive(new Option<int>("--batch-size") { Description = "Sequences per step.", DefaultValueFactory = _ => defaults.BatchSize });
        var learningRate = CliOptions.Positive(new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => defaults.LearningRate });
        var warmup = new Option<int>("--warmup-steps") { Description = "Linear learning-rate warm-up steps (≥ 0).", DefaultValueFactory = _ => defaults.WarmupSteps };
        warmup.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError($"--warmup-steps must be ≥ 0; got {r.GetValueOrDefault<int>()}.");
            }
        });
        var sourceLength = CliOptions.Positive(new Option<int>("--source-length") { Description = "Source tokens per row (longer sources are split).", DefaultValueFactory = _ => defaults.SourceLength });
        var targetLength = CliOptions.Positive(new Option<int>("--target-length") { Description = "Target tokens per row (pieces with longer targets are dropped).", DefaultValueFactory = _ => defaults.TargetLength });
        var maxRows = new Option<int?>("--max-train-rows") { Description = "Use only the first N training pairs." };
        var preset = CliOptions.Preset();
        var device = CliOptions.Device();
        var seed = CliOptions.Seed();
        var command = new Command("train", "Train one autoregressive baseline model with the diffusion recipe's optimiser, schedule, EMA and budget.")
        {
            data, valid, source, target, maxSteps, maxMinutes, output, batch, learningRate, warmup, sourceLength, targetLength, maxRows, preset, device, seed,
        };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() =>
        {
            TrainSettings settings = defaults with
            {
                DataFile = parse.GetValue(data), ValidFile = parse.GetValue(valid), SourceColumn = parse.GetValue(source)!, TargetColumn = parse.GetValue(target)!,
                MaxSteps = parse.GetValue(maxSteps), MaxMinutes = parse.GetValue(maxMinutes), Output = parse.GetValue(output)!, BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(learningRate), WarmupSteps = parse.GetValue(warmup), SourceLength = parse.GetValue(sourceLength), TargetLength = parse.GetValue(targetLength),
                MaxTrainRows = parse.GetValue(maxRows), Preset = parse.GetValue(preset)!, Device = DeviceSelection.Parse(parse.GetValue(device)!), Seed = parse.GetValue(seed),
            };
            if (settings.MaxMinutes is <= 0)
            {
                throw new ArgumentException($"--max-minutes must be positive; got {settings.MaxMinutes}.");
            }

            var (train, validation) = TrainingRecipe.LoadData(settings, AnsiConsole.Console);
            using AutoregressiveModel model = AutoregressiveRecipe.Build(settings, train);
            AutoregressiveRecipe.Train(model, settings, train, validation, AnsiConsole.Console, cancellationToken);
            return 0;
        }));
        return command;
    }

    private static Command CreateGenerate()
    {
        var model = new Option<string>("--model") { Description = "Folder written by 'autoregressive train' (or an ablation's autoregressive-seedN folder).", Required = true };
        var input = new Option<string?>("--input") { Description = "File with one source text per line." };
        var text = new Option<string[]>("--text") { Description = "Source text (repeatable).", AllowMultipleArgumentsPerToken = false };
        var beam = CliOptions.Positive(new Option<int>("--beam") { Description = "Beam width (1 = greedy).", DefaultValueFactory = _ => 1 });
        var lengthPenalty = new Option<double>("--length-penalty") { Description = "Beam search ranks finished outputs by Σ log p / tokens^α; α ≥ 0 (1 = mean per token).", DefaultValueFactory = _ => 1.0 };
        var device = CliOptions.Device();
        var command = new Command("generate", "Rewrite texts with an autoregressive baseline model.") { model, input, text, beam, lengthPenalty, device };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() =>
        {
            string[] texts = parse.GetValue(text) ?? [];
            string? file = parse.GetValue(input);
            if ((file is null) == (texts.Length == 0))
            {
                throw new ArgumentException("Give either --input FILE or one or more --text \"...\" (not both).");
            }

            IReadOnlyList<string> sources = file is null ? texts : File.ReadAllLines(file);
            string folder = parse.GetValue(model)!;
            if (Directory.Exists(folder) && !AutoregressiveFolder.IsModelFolder(folder))
            {
                throw new ArgumentException($"--model: '{folder}' has no {AutoregressiveFolder.ConfigurationFile}; it is not an autoregressive model folder (diffusion pipelines are rewritten with 'smoothie generate').");
            }

            using AutoregressiveModel loaded = AutoregressiveModel.Load(folder, DeviceSelection.Resolve(DeviceSelection.Parse(parse.GetValue(device)!)));
            var options = new DecodingOptions { BeamWidth = parse.GetValue(beam), LengthPenalty = parse.GetValue(lengthPenalty) };
            foreach (string output in loaded.Generate(sources, options, cancellationToken))
            {
                Console.WriteLine(output);
            }

            return 0;
        }));
        return command;
    }
}
