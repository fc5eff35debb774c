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
        var options = new GenerateOptions();
        var command = new Command("generate", "Generate rewrites of source texts with a trained model.");
        options.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() => Run(parse, options, cancellationToken)));
        return command;
    }

    private static int Run(ParseResult parse, GenerateOptions o, CancellationToken cancellationToken)
    {
        string? inputFile = parse.GetValue(o.Input);
        string[] texts = parse.GetValue(o.Text) ?? [];
        if (parse.GetValue(o.BundledTest) is { } rows)
        {
            return ScoreOnBundledTest(parse.GetValue(o.Model)!, rows, parse.GetValue(o.Device)!, o.Generation(parse), cancellationToken);
        }

        if ((inputFile is null) == (texts.Length == 0))
        {
            throw new ArgumentException("Give either --input FILE (- for standard input) or one or more --text \"...\" (not both).");
        }

        if (texts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("--text: the text to rewrite is empty; give the verse or sentence to rewrite (the library returns an empty output for an empty input).");
        }

        if (parse.GetValue(o.Delta) is <= 0)
        {
            throw new ArgumentException($"--delta must be positive; got {parse.GetValue(o.Delta)}.");
        }

        GenerationOptions generation = o.Generation(parse);
        IReadOnlyList<string> sources = inputFile switch
        {
            null => texts,
            StandardInputLines.Name => StandardInputLines.Read(Console.OpenStandardInput()),
            _ => Seq2SeqReader.ReadLines(inputFile),
        };
        using SmoothiePipeline pipeline = SmoothiePipeline.Load(parse.GetValue(o.Model)!, DeviceSelection.Parse(parse.GetValue(o.Device)!));
        IReadOnlyList<GenerationResult> results = pipeline.GenerateWithCoverage(sources, generation, cancellationToken);
        InputCoverageWarnings.Write(results, Console.Error);
        IReadOnlyList<string> lines = parse.GetValue(o.Json)
            ? GenerationJsonLines.Format(sources, results)
            : results.Select(r => r.Text).ToList();
        if (parse.GetValue(o.Output) is { } file)
        {
            File.WriteAllLines(file, lines);
            AnsiConsole.MarkupLine($"Wrote {lines.Count:N0} outputs to {Markup.Escape(file)}.");
        }
        else
        {
            foreach (string line in lines)
            {
                Console.WriteLine(line);
            }
        }

        return 0;
    }

    private static int ScoreOnBundledTest(string folder, int rows, string device, GenerationOptions options, CancellationToken cancellationToken)
    {
        if (rows <= 0)
        {
            throw new ArgumentException($"--bundled-test must be positive; got {rows}.");
        }

        using SmoothiePipeline pipeline = SmoothiePipeline.Load(folder, DeviceSelection.Parse(device));
        IReadOnlyList<Seq2SeqPair> test = BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web").Take(rows).ToList();
        AnsiConsole.MarkupLine($"Rewriting {test.Count} held-out verses with {options.Steps ?? pipeline.Configuration.SamplingSteps} {options.Solver ?? pipeline.Configuration.Solver} steps{((options.ClampToNearestToken ?? pipeline.Configuration.ClampToNearestToken) ? ", clamped" : string.Empty)}{(options.Strength < 1 ? $" from the source noised to t = {options.Strength}" : string.Empty)}, {(pipeline.Lookup is null ? "no guard (the folder has no lookup.tsv)" : GuardOptions.Describe(options.Guard))} (model trained {pipeline.Configuration.Notes.GetValueOrDefault("trainedSteps", "?")} steps)…");
        // The shipped and trained models learn kjv → web from the bundled training split: the baselines learn from it too.
        var baselines = ReaderBaselines.Learn(BibleCorpus.Pairs(BibleSplit.Train, "kjv", "web"));
        EvaluationReport report = pipeline.EvaluateWithBaselines(test, baselines.Lookup, baselines.TargetWords, options, cancellationToken);
        EvaluationPrinter.Print(AnsiConsole.Console, test, report, examples: 6);
        return 0;
    }
}
