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
        var steps = CliOptions.Steps(50);
        var solver = CliOptions.Solver();
        var delta = new Option<double?>("--delta") { Description = "Arctan δ (noise scale): lower = more fluent, higher = more diverse." };
        var seed = CliOptions.Seed();
        var output = new Option<string?>("--out") { Description = "Write outputs here, one per line (default: print)." };
        var device = CliOptions.Device();
        var command = new Command("generate", "Generate rewrites of source texts with a trained model.") { model, input, text, steps, solver, delta, seed, output, device };
        command.SetAction((parse, cancellationToken) => CliRunner.RunAsync(() =>
        {
            string? inputFile = parse.GetValue(input);
            string[] texts = parse.GetValue(text) ?? [];
            if ((inputFile is null) == (texts.Length == 0))
            {
                throw new ArgumentException("Give either --input FILE or one or more --text \"...\" (not both).");
            }

            IReadOnlyList<string> sources = inputFile is null ? texts : Seq2SeqReader.ReadLines(inputFile);
            if (parse.GetValue(delta) is <= 0)
            {
                throw new ArgumentException($"--delta must be positive; got {parse.GetValue(delta)}.");
            }

            using SmoothiePipeline pipeline = SmoothiePipeline.Load(parse.GetValue(model)!, DeviceSelection.Parse(parse.GetValue(device)!));
            var options = new GenerationOptions { Steps = parse.GetValue(steps), Solver = parse.GetValue(solver), Delta = parse.GetValue(delta), Seed = parse.GetValue(seed) };
            IReadOnlyList<string> outputs = pipeline.Generate(sources, options, cancellationToken);
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
        }));
        return command;
    }
}
