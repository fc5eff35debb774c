using System.CommandLine;
using System.Globalization;
using Smoothie.Models.Checkpoints;

namespace Smoothie.Cli.Commands;

/// <summary>
/// <c>smoothie convert</c>: moves weights between PyTorch <c>torch.save</c> files (a state dict or the authors' trainer
/// checkpoint), safetensors and TorchSharp's format, e.g. to run a model trained with the authors' PyTorch trainer here.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The file to read: .pt/.pth/.bin (torch.save: state dict or the authors' trainer checkpoint), .safetensors, or a TorchSharp file.", Required = true };
        var to = new Option<string>("--to") { Description = "The file to write; the extension picks the format (.pt/.pth/.bin → torch.save state dict, .safetensors, anything else → TorchSharp).", Required = true };
        var ema = new Option<bool>("--ema") { Description = "Take the EMA weights of a trainer checkpoint (the ones the authors sample with) instead of the trained weights." };
        var embeddings = new Option<string?>("--embeddings-out") { Description = "Also write the normalised token embeddings a trainer checkpoint records (encoder.embeddings) to this .safetensors file." };
        var command = new Command("convert", "Convert model weights between PyTorch (.pt/.pth/.bin), safetensors and TorchSharp files.") { from, to, ema, embeddings };
        command.SetAction((parse, _) => CliRunner.RunAsync(() =>
        {
            string source = parse.GetValue(from)!;
            string target = parse.GetValue(to)!;
            string? embeddingsPath = parse.GetValue(embeddings);
            ConversionReport report = CheckpointConverter.Convert(
                source,
                target,
                parse.GetValue(ema) ? CheckpointWeights.ExponentialMovingAverage : CheckpointWeights.Model,
                embeddingsPath);
            Console.WriteLine(Describe(source, target, embeddingsPath, report));
            return 0;
        }));
        return command;
    }

    private static string Describe(string source, string target, string? embeddingsPath, ConversionReport report)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        string kind = report.IsTrainerCheckpoint
            ? $"the authors' trainer checkpoint{(report.Step is { } step ? string.Create(c, $", step {step:N0}") : string.Empty)}, {(report.Weights == CheckpointWeights.ExponentialMovingAverage ? "EMA weights taken" : "model weights taken (not the EMA; add --ema for those)")}"
            : $"{report.SourceFormat} state dict, model weights";
        string lines = string.Create(c, $"Read {source}: {kind}; {report.TensorCount:N0} tensors, {report.ElementCount:N0} values.{Environment.NewLine}Wrote {target} ({report.TargetFormat}).");
        if (report.EmbeddingsShape is { } shape)
        {
            lines += embeddingsPath is null
                ? $"{Environment.NewLine}It also records the normalised token embeddings [{string.Join(", ", shape)}] (encoder.embeddings); --embeddings-out FILE.safetensors writes them."
                : $"{Environment.NewLine}Wrote its token embeddings [{string.Join(", ", shape)}] (encoder.embeddings) to {embeddingsPath}.";
        }

        return lines;
    }
}
