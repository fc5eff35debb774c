using System.CommandLine;

namespace Smoothie.Cli.Commands;

/// <summary>The command-line options of <c>smoothie ablate</c> (besides the training recipe's, <see cref="RecipeOptions"/>).</summary>
internal sealed class AblateOptions
{
    public Option<string> Models { get; } = new("--models")
    {
        Description = "Comma-separated model families to train and score beside each other: diffusion (one run per --latents space) and autoregressive (the pointer-generator Transformer baseline of the same preset, data, recipe and budget).",
        DefaultValueFactory = _ => "diffusion",
    };

    public Option<string> BeamWidths { get; } = new("--beam-widths") { Description = "Comma-separated beam widths to score the autoregressive model with (1 = greedy).", DefaultValueFactory = _ => "1,4" };

    public Option<string> Latents { get; } = new("--latents") { Description = "Comma-separated latent spaces (distance, embedding, simplex).", DefaultValueFactory = _ => "distance,embedding,simplex" };

    public Option<string> Seeds { get; } = new("--seeds") { Description = "Comma-separated seeds.", DefaultValueFactory = _ => "1,2,3" };

    public Option<double?> Minutes { get; } = new("--max-minutes") { Description = "Training budget per run (minutes)." };

    public Option<long?> MaxSteps { get; } = new("--max-steps") { Description = "Training steps per run." };

    public Option<string> Preset { get; } = CliOptions.Preset();

    public Option<int> TestRows { get; } = CliOptions.Positive(new Option<int>("--test-rows") { Description = "Held-out verses to score.", DefaultValueFactory = _ => 200 });

    public Option<string> EvalSteps { get; } = new("--eval-steps") { Description = "Comma-separated sampling step counts to score every model with.", DefaultValueFactory = _ => "50" };

    public Option<string> Solvers { get; } = new("--solvers") { Description = "Comma-separated reverse steps to score every model with (renoise, ddpm, ddim, sde).", DefaultValueFactory = _ => Smoothie.Sampling.Solvers.ReverseSteps.Renoise };

    public Option<string> Output { get; } = new("--out") { Description = "Folder for the runs and the result table.", DefaultValueFactory = _ => "runs/ablate" };

    public Option<string> Device { get; } = CliOptions.Device();

    public Option<string> Init { get; } = CliOptions.Init();

    public Option<bool> Freeze { get; } = CliOptions.FreezeConditionEncoder();

    public Option<bool> BertScore { get; } = new("--bertscore") { Description = "Also report BERTScore F1 (MiniLM, slower)." };

    public Option<double> Strength { get; } = CliOptions.Strength();

    public Option<bool> Clamp { get; } = new("--clamp") { Description = "Score with every prediction clamped to its nearest token embedding (distance and embedding spaces)." };

    public Option<int?> MaxRows { get; } = new("--max-train-rows") { Description = "Use only the first N training pairs." };

    public Option<string> Split { get; } = new Option<string>("--split") { Description = "Which held-out split to score on: valid (default; choose settings here) or test (report once).", DefaultValueFactory = _ => "valid" }.AcceptOnlyFromAmong("valid", "test");

    public Option<bool> KeepRepeats { get; } = new("--keep-repeats") { Description = "Score the outputs with repeated words kept (default: a word equal to the one before it is dropped)." };

    public Option<string?> Label { get; } = new("--label") { Description = "A name for this configuration in the table (default: the latent space)." };

    /// <summary>Adds every option to <paramref name="command"/>, in the order the help lists them.</summary>
    public void AddTo(Command command)
    {
        Option[] all = [Models, Latents, BeamWidths, Seeds, Minutes, MaxSteps, Preset, TestRows, EvalSteps, Solvers, Output, Device, Init, Freeze, BertScore, Label, MaxRows, Clamp, Strength, Split, KeepRepeats];
        foreach (Option option in all)
        {
            command.Options.Add(option);
        }
    }
}
