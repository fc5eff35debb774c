using System.CommandLine;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Cli.Commands;

/// <summary>The command-line options of <c>smoothie generate</c>.</summary>
internal sealed class GenerateOptions
{
    public Option<string> Model { get; } = new("--model") { Description = "Pipeline folder written by train.", Required = true };

    public Option<string?> Input { get; } = new("--input") { Description = "File with one source text per line; - reads standard input (UTF-8)." };

    public Option<string[]> Text { get; } = new("--text") { Description = "Source text (repeatable).", AllowMultipleArgumentsPerToken = false };

    public Option<int?> Steps { get; } = CliOptions.OptionalSteps("Sampling steps N (default: the model's own, pipeline.json samplingSteps).");

    public Option<string> Solver { get; } = CliOptions.Solver();

    public Option<double?> Delta { get; } = new("--delta") { Description = "Arctan δ (noise scale): lower = more fluent, higher = more diverse." };

    public Option<int> Seed { get; } = SeedOption();

    public Option<string?> Output { get; } = new("--out") { Description = "Write outputs here, one per line (default: print)." };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write JSON lines instead of text: one object per input with \"input\", \"output\" and \"coverage\" (tokens, unknownTokens, outsideVocabularyTokens and their shares).",
    };

    public Option<string> Device { get; } = CliOptions.Device();

    public Option<int?> BundledTest { get; } = new("--bundled-test")
    {
        Description = "Instead of --input/--text: rewrite the first N verses of the bundled KJV → WEB test split that fit the model's lengths, print examples and BLEU / ROUGE-L / SARI beside the copy baseline.",
    };

    public Option<bool?> Clamp { get; } = new("--clamp") { Description = "Clamp every prediction to its nearest token embedding (distance and embedding spaces): --clamp or --clamp false (default: the model's own, pipeline.json clampToNearestToken)." };

    public Option<double> Strength { get; } = CliOptions.Strength();

    public Option<bool> KeepRepeats { get; } = new("--keep-repeats") { Description = "Keep a word that repeats the word before it (default: dropped, \"and and\" → \"and\")." };

    public Option<int> Candidates { get; } = CliOptions.Candidates();

    public GuardOptions Guard { get; } = new();

    /// <summary>Adds every option to the command.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Model, Input, Text, Steps, Solver, Delta, Seed, Output, Json, Device, Clamp, Strength, KeepRepeats, BundledTest, Candidates })
        {
            command.Options.Add(option);
        }

        Guard.AddTo(command);
    }

    /// <summary>The generation settings the options ask for.</summary>
    public GenerationOptions Generation(ParseResult parse) => new()
    {
        Steps = parse.GetValue(Steps),
        Solver = parse.GetValue(Solver),
        Delta = parse.GetValue(Delta),
        Seed = parse.GetValue(Seed),
        ClampToNearestToken = parse.GetValue(Clamp),
        Strength = parse.GetValue(Strength),
        RemoveRepeatedWords = !parse.GetValue(KeepRepeats),
        Guard = Guard.Parse(parse),
        Candidates = parse.GetValue(Candidates),
    };

    private static Option<int> SeedOption()
    {
        Option<int> seed = CliOptions.Seed();
        seed.Description = "Seed of the noise (default 1). Each input draws from its own stream, derived from the seed and the input's tokens, so an input gives the same output alone or among others.";
        return seed;
    }
}
