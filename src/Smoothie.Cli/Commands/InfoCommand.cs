using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Runtime;
using Spectre.Console;
using TorchSharp;

namespace Smoothie.Cli.Commands;

/// <summary><c>smoothie info</c>: the environment (TorchSharp, native fix, threads, CUDA) and, optionally, a pipeline folder.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "A pipeline folder to describe." };
        var command = new Command("info", "Show the environment and, with --model, a pipeline's configuration.") { model };
        command.SetAction((parse, _) => CliRunner.RunAsync(() =>
        {
            var table = new Table().AddColumn("item").AddColumn("value");
            table.AddRow("Smoothie", Markup.Escape(typeof(SmoothiePipeline).Assembly.GetName().Version?.ToString() ?? "?"));
            table.AddRow(".NET", Markup.Escape(RuntimeInformation.FrameworkDescription));
            table.AddRow("OS", Markup.Escape(RuntimeInformation.OSDescription));
            if (OperatingSystem.IsLinux())
            {
                bool has = ElfVersionPatcher.SystemLibStdCxxDefines(ElfVersionPatcher.DefaultMissingVersion, out string? lib);
                table.AddRow("libstdc++", Markup.Escape($"{lib ?? "not found"} ({(has ? "has" : "lacks")} {ElfVersionPatcher.DefaultMissingVersion}{(has ? string.Empty : "; Smoothie.Runtime patches libLibTorchSharp.so at build time")})"));
            }

            TorchSharpRuntime.EnsureLoaded();
            table.AddRow("TorchSharp", "loaded");
            table.AddRow("CPU threads", torch.get_num_threads().ToString(System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow("CUDA", torch.cuda.is_available() ? $"available ({torch.cuda.device_count()} device(s))" : "not available");
            AnsiConsole.Write(table);
            if (parse.GetValue(model) is { } folder)
            {
                using SmoothiePipeline pipeline = SmoothiePipeline.Load(folder, DeviceKind.Cpu);
                AnsiConsole.MarkupLine($"[bold]{Markup.Escape(folder)}[/]: {pipeline.Space.Name} space, V = {pipeline.Space.LatentDimension:N0}, {pipeline.Denoiser.TrainableParameterCount:N0} parameters. Effective settings:");
                var settings = new Table().AddColumn("setting").AddColumn("value");
                foreach ((string setting, string value) in PipelineDescription.Rows(pipeline))
                {
                    settings.AddRow(Markup.Escape(setting), Markup.Escape(value));
                }

                AnsiConsole.Write(settings);
                Console.WriteLine("pipeline.json as this version writes it (every effective value):");
                Console.WriteLine(JsonSerializer.Serialize(pipeline.Configuration, PipelineConfiguration.JsonOptions));
            }

            return 0;
        }));
        return command;
    }
}
