using System.CommandLine;
using Smoothie.Cli.Commands;

namespace Smoothie.Cli;

/// <summary>The <c>smoothie</c> command tree.</summary>
public static class CliApplication
{
    /// <summary>Builds the root command with every sub-command.</summary>
    public static RootCommand Build() => new("smoothie — Smoothie text diffusion (arXiv 2505.18853) for .NET: train, generate, evaluate, ablate.")
    {
        QuickstartCommand.Create(),
        TrainCommand.Create(),
        FitCommand.Create(),
        GenerateCommand.Create(),
        EvaluateCommand.Create(),
        AblateCommand.Create(),
        AutoregressiveCommand.Create(),
        ConvertCommand.Create(),
        ImportCommand.Create(),
        DiagnosticsCommand.Create(),
        DiagnoseCommand.Create(),
        InfoCommand.Create(),
    };

    /// <summary>
    /// Parses and runs a command line. A command line the parser rejects (an unknown option, a value outside the accepted
    /// ones, a missing required option) prints one line per error naming the option, and where the usage is, and exits with
    /// <see cref="CliRunner.BadInput"/> (2) as any other bad input does — not the parser's whole help text and its exit code 1.
    /// SIGINT (Ctrl-C) or SIGTERM stops the command cleanly — an interrupted <c>train</c> writes its checkpoint first, however
    /// long that takes — and the exit code is then 130 (SIGINT) or 143 (SIGTERM); a second signal stops the process at once.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> InvokeAsync(string[] args)
    {
        ParseResult result = Build().Parse(args);
        if (result.Errors.Count > 0)
        {
            return ReportParseErrors(result);
        }

        // The parser's own handler would end the process 2 s after the signal, possibly in the middle of a checkpoint.
        using TerminationSignals signals = TerminationSignals.Listen(Console.Error);
        int code = await result.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, signals.Token).ConfigureAwait(false);
        return signals.ExitCode(code);
    }

    /// <summary>Parses and runs a command line synchronously (see <see cref="InvokeAsync"/>).</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code.</returns>
    public static int Invoke(string[] args)
    {
        ParseResult result = Build().Parse(args);
        return result.Errors.Count > 0 ? ReportParseErrors(result) : result.Invoke();
    }

    /// <summary>One line per parser error (naming the option) and where the usage is, instead of the whole help text.</summary>
    private static int ReportParseErrors(ParseResult result)
    {
        foreach (System.CommandLine.Parsing.ParseError error in result.Errors)
        {
            // "Argument 'x' not recognized…" does not say which option it was given to: name it.
            string? option = error.SymbolResult switch
            {
                System.CommandLine.Parsing.OptionResult o => o.Option.Name,
                System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option.Name,
                _ => null,
            };
            string message = string.Join(' ', error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Console.Error.WriteLine(option is null || message.Contains(option, StringComparison.Ordinal)
                ? $"error: {message}"
                : $"error: {option}: {message}");
        }

        var path = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? symbol = result.CommandResult; symbol is not null; symbol = symbol.Parent)
        {
            if (symbol is System.CommandLine.Parsing.CommandResult command && command.Parent is not null)
            {
                path.Insert(0, command.Command.Name);
            }
        }

        Console.Error.WriteLine($"Run 'smoothie {string.Join(' ', path.Append("--help"))}' for the options.");
        return CliRunner.BadInput;
    }
}
