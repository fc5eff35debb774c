using Smoothie.Autoregressive;
using Smoothie.Autoregressive.Configuration;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Training.Trainer;
using Spectre.Console;

namespace Smoothie.Cli;

/// <summary>
/// Builds and trains the autoregressive baseline the way <see cref="TrainingRecipe"/> builds and trains a diffusion
/// pipeline: the preset's width, depth and heads (<see cref="AutoregressiveConfig.FromDenoiser"/>), the same source and
/// target lengths, the same trainer options (<see cref="TrainingRecipe.OptionsOf"/>), progress printed the same way.
/// </summary>
internal static class AutoregressiveRecipe
{
    /// <summary>The model settings of a run: the preset's network, the run's row lengths.</summary>
    public static AutoregressiveSettings SettingsOf(TrainSettings settings) => new()
    {
        Network = AutoregressiveConfig.FromDenoiser(ModelPresets.ByName(settings.Preset)),
        SourceLength = settings.SourceLength,
        TargetLength = settings.TargetLength,
    };

    /// <summary>A fresh model for <paramref name="settings"/> whose output vocabulary is the training targets' tokens.</summary>
    public static AutoregressiveModel Build(TrainSettings settings, IReadOnlyList<Seq2SeqPair> train) =>
        AutoregressiveModel.Create(SettingsOf(settings), train.Select(p => p.Target), DeviceSelection.Resolve(settings.Device), settings.Seed);

    /// <summary>Trains (or resumes) the model into <see cref="TrainSettings.Output"/>, printing progress and the outcome.</summary>
    public static TrainingRunResult Train(AutoregressiveModel model, TrainSettings settings, IReadOnlyList<Seq2SeqPair> train, IReadOnlyList<Seq2SeqPair> valid, IAnsiConsole console, CancellationToken cancellationToken)
    {
        TrainingOptions options = TrainingRecipe.OptionsOf(settings);
        AutoregressiveConfig network = model.Network.Config;
        console.MarkupLine(
            $"Model: [bold]autoregressive[/] pointer-generator Transformer, preset {settings.Preset} (h {network.HiddenSize}, {network.AttentionHeads} heads, {network.EncoderLayers} encoder + {network.DecoderLayers} decoder blocks; "
            + $"{model.Network.TrainableParameterCount:N0} trainable parameters), output vocabulary {model.Vocabulary.Size:N0} tokens plus copying any source token, device {model.Device.type}.");
        console.MarkupLine($"Training: batch {options.BatchSize}, lr {options.LearningRate:g3}, warm-up {options.WarmupSteps}, EMA {options.EmaRate:g4}, "
            + (options.MaxSteps is { } s ? $"{s:N0} steps" : string.Empty)
            + (options.MaxDuration is { } d ? $"{(options.MaxSteps is null ? string.Empty : ", ")}budget {d.TotalMinutes:0.#} min" : string.Empty) + $", output {Markup.Escape(settings.Output)}.");
        TrainingRunResult result = model.Train(train, valid, options, settings.Output, new ProgressPrinter(console), new ConsoleLogger(console), cancellationToken);
        console.MarkupLine($"Trained {result.Steps:N0} steps in {result.Elapsed.TotalMinutes:0.0} min; last loss {result.Losses.LastOrDefault():F4}"
            + (result.LastValidationLoss is { } v ? $", validation loss {v:F4}" : string.Empty) + (result.Cancelled ? " (cancelled: run the same command again to resume)" : string.Empty) + ".");
        console.MarkupLine($"Saved the autoregressive model to [bold]{Markup.Escape(settings.Output)}[/].");
        return result;
    }
}
