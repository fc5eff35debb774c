using Smoothie.Runtime;
using Spectre.Console;

namespace Smoothie.Cli;

/// <summary>Runs a command body, turning expected failures into one clear message and a non-zero exit code.</summary>
internal static class CliRunner
{
    /// <summary>Exit code for bad input (arguments, files, data).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for other failures.</summary>
    public const int Failure = 1;

    public static Task<int> RunAsync(Func<int> body) => Task.Run(() => Run(body));

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException)
        {
            AnsiConsole.MarkupLine("[yellow]Cancelled.[/]");
            return Failure;
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or Smoothie.Data.DataFormatException or Smoothie.Data.MissingColumnException)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Full disks, read-only folders: not bad input, but one clear line rather than a stack trace.
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return Failure;
        }
        catch (TorchSharpLoadException e)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return Failure;
        }
        catch (InvalidOperationException e)
        {
            AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return Failure;
        }
    }
}
