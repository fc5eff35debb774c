using System.CommandLine;
using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary><c>smoothie generate</c>: rewrites texts with a trained pipeline folder.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Pipeline folder written by train.", Required = true };
        var input = new Option<string?>("--input") { Description = "File with one source text per line." };
        var text = new Option<string[]>("--text") { Description = "Source text (repeatable).", AllowMultipleArgumentsPerToken = false };
        var steps = CliOptions.OptionalSteps("Sampling steps N (default: the model's own, pipeline.json samplingSteps).");
        var solver = CliOptions.Solver();
        var delta = new Option<double?>("--delta") { Description = "Arctan δ (noise scale): lower = more fluent, higher = more diverse." };
        var seed = CliOptions.Seed();
        var output = new Option<string?>("--out") { Description = "Write outputs here, one per line (default: print)." };
        var device = CliOptions.Device();
        var bundledTest = new Option<int?>("--bundled-test")
        {
            Description = "Instead of --input/--text: rewrite the first N verses of the bundled KJV → WEB test split that fit the model's lengths, print examples and BLEU / ROUGE-L / SARI beside the copy baseline.",
        };
        var clamp = new Option<bool?>("--clamp") { Description = "Clamp every prediction to its nearest token embedding (distance and embedding spaces): --clamp or --clamp false (default: the model's own, pipeline.json clampToNearestToken)." };
        var strength = CliOptions.Strength();
        var keepRepeats = new Option<bool>("--keep-repeats") { Description = "Keep a word that repeats the word before it (default: dropped, \"and and\" → \"and\")." };
        var candidates = CliOptions.Candidates();
        var command = new Command("generate", "Generate rewrites of source texts with a trained model.") { model, input, text, steps, solver, delta, seed, output, device, clamp, strength, keepRepeats, bundledTest, candidates };
        var guard = new GuardOptions();
        guard.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() =>
        {
            string? inputFile = parse.GetValue(input);
            string[] texts = parse.GetValue(text) ?? [];
            if (parse.GetValue(bundledTest) is { } rows)
            {
                return ScoreOnBundledTest(parse.GetValue(model)!, rows, parse, Options(), device, cancellationToken);
            }

            if ((inputFile is null) == (texts.Length == 0))
            {
                throw new ArgumentException("Give either --input FILE or one or more --text \"...\" (not both).");
            }

            if (texts.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException("--text: the text to rewrite is empty; give the verse or sentence to rewrite (the library returns an empty output for an empty input).");
            }

            IReadOnlyList<string> sources = inputFile is null ? texts : Seq2SeqReader.ReadLines(inputFile);
            if (parse.GetValue(delta) is <= 0)
            {
                throw new ArgumentException($"--delta must be positive; got {parse.GetValue(delta)}.");
            }

            using SmoothiePipeline pipeline = SmoothiePipeline.Load(parse.GetValue(model)!, DeviceSelection.Parse(parse.GetValue(device)!));
            IReadOnlyList<GenerationResult> results = pipeline.GenerateWithCoverage(sources, Options(), cancellationToken);
            InputCoverageWarnings.Write(results, Console.Error);
            IReadOnlyList<string> outputs = results.Select(r => r.Text).ToList();
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllLines(file, outputs);
                AnsiConsole.MarkupLine($"Wrote {outputs.Count:N0} outputs to {Markup.Escape(file)}.");
            }
            else
            {
                foreach (string line in outputs)
                {
                    Console.WriteLine(line);
                }
            }

            return 0;

            GenerationOptions Options() => new() { Steps = parse.GetValue(steps), Solver = parse.GetValue(solver), Delta = parse.GetValue(delta), Seed = parse.GetValue(seed), ClampToNearestToken = parse.GetValue(clamp), Strength = parse.GetValue(strength), RemoveRepeatedWords = !parse.GetValue(keepRepeats), Guard = guard.Parse(parse), Candidates = parse.GetValue(candidates) };
        }));
        return command;
    }

    private static int ScoreOnBundledTest(string folder, int rows, ParseResult parse, GenerationOptions options, Option<string> device, CancellationToken cancellationToken)
    {
        if (rows <= 0)
        {
            throw new ArgumentException($"--bundled-test must be positive; got {rows}.");
        }

        using SmoothiePipeline pipeline = SmoothiePipeline.Load(folder, DeviceSelection.Parse(parse.GetValue(device)!));
        var settings = new TrainSettings { SourceLength = pipeline.Configuration.SourceLength, TargetLength = pipeline.Configuration.TargetLength };
        IReadOnlyList<Seq2SeqPair> test = BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web").Take(rows).ToList();
        AnsiConsole.MarkupLine($"Rewriting {test.Count} held-out verses with {options.Steps ?? pipeline.Configuration.SamplingSteps} {options.Solver ?? pipeline.Configuration.Solver} steps{((options.ClampToNearestToken ?? pipeline.Configuration.ClampToNearestToken) ? ", clamped" : string.Empty)}{(options.Strength < 1 ? $" from the source noised to t = {options.Strength}" : string.Empty)}, {(pipeline.Lookup is null ? "no guard (the folder has no lookup.tsv)" : GuardOptions.Describe(options.Guard))} (model trained {pipeline.Configuration.Notes.GetValueOrDefault("trainedSteps", "?")} steps)…");
        // The shipped and trained models learn kjv → web from the bundled training split: the baselines learn from it too.
        var baselines = ReaderBaselines.Learn(BibleCorpus.Pairs(BibleSplit.Train, "kjv", "web"));
        EvaluationReport report = pipeline.EvaluateWithBaselines(test, baselines.Lookup, baselines.TargetWords, options, cancellationToken);
        EvaluationPrinter.Print(AnsiConsole.Console, test, report, examples: 6);
        return 0;
    }
}
