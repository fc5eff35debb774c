using System.CommandLine;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary><c>smoothie train</c>: trains a model on seq2seq pairs (the bundled Bible corpus by default).</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "TSV/CSV/JSONL file of pairs (default: the bundled Bible corpus)." };
        var valid = new Option<string?>("--valid") { Description = "Validation file with the same columns (optional)." };
        var source = new Option<string>("--source") { Description = "Source column.", DefaultValueFactory = _ => "kjv" };
        var target = new Option<string>("--target") { Description = "Target column.", DefaultValueFactory = _ => "web" };
        var latent = CliOptions.Latent();
        var preset = CliOptions.Preset();
        var maxSteps = new Option<long?>("--max-steps") { Description = "Stop after N optimisation steps." }.AsNullablePositive();
        var maxMinutes = new Option<double?>("--max-minutes") { Description = "Stop after M minutes (a checkpoint is saved)." };
        var output = new Option<string>("--out") { Description = "Output folder (checkpoints + pipeline); an existing run there is resumed.", DefaultValueFactory = _ => "runs/smoothie" };
        var seed = CliOptions.Seed();
        var device = CliOptions.Device();
        var init = CliOptions.Init();
        var freeze = CliOptions.FreezeConditionEncoder();
        var sourceLength = CliOptions.Positive(new Option<int>("--source-length") { Description = "Source tokens (longer pairs are skipped).", DefaultValueFactory = _ => 48 });
        var targetLength = CliOptions.Positive(new Option<int>("--target-length") { Description = "Target tokens (longer pairs are skipped).", DefaultValueFactory = _ => 48 });
        var maxRows = new Option<int?>("--max-train-rows") { Description = "Use only the first N training pairs." };

        var command = new Command("train", "Train a Smoothie model and save it as a pipeline folder.")
        {
            data, valid, source, target, latent, preset, maxSteps, maxMinutes, output, seed, device, sourceLength, targetLength, maxRows, init, freeze,
        };
        var recipe = new RecipeOptions(new TrainSettings());
        recipe.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() =>
        {
            TrainSettings settings = new()
            {
                DataFile = parse.GetValue(data),
                ValidFile = parse.GetValue(valid),
                SourceColumn = parse.GetValue(source)!,
                TargetColumn = parse.GetValue(target)!,
                Latent = CliOptions.ParseLatent(parse.GetValue(latent)!),
                Preset = parse.GetValue(preset)!,
                MaxSteps = parse.GetValue(maxSteps),
                MaxMinutes = parse.GetValue(maxMinutes),
                Output = parse.GetValue(output)!,
                Seed = parse.GetValue(seed),
                Device = DeviceSelection.Parse(parse.GetValue(device)!),
                Initialization = parse.GetValue(init)!,
                FreezeConditionEncoder = parse.GetValue(freeze),
                SourceLength = parse.GetValue(sourceLength),
                TargetLength = parse.GetValue(targetLength),
                MaxTrainRows = parse.GetValue(maxRows),
            };
            settings = recipe.Apply(parse, settings);
            if (settings.MaxMinutes is <= 0)
            {
                throw new ArgumentException($"--max-minutes must be positive; got {settings.MaxMinutes}.");
            }

            var (train, validation) = TrainingRecipe.LoadData(settings, AnsiConsole.Console);
            settings = RecipeFit.Apply(settings, train, AnsiConsole.Console);
            using SmoothiePipeline pipeline = TrainingRecipe.Build(settings, train);
            TrainingRecipe.Train(pipeline, settings, train, validation, AnsiConsole.Console, cancellationToken);
            return 0;
        }));
        return command;
    }

    private static Option<long?> AsNullablePositive(this Option<long?> option)
    {
        option.Validators.Add(result =>
        {
            long? value = result.GetValueOrDefault<long?>();
            if (value is <= 0)
            {
                result.AddError($"{option.Name} must be positive; got {value}.");
            }
        });
        return option;
    }
}
