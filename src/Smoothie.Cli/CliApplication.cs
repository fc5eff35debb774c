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
        GenerateCommand.Create(),
        EvaluateCommand.Create(),
        AblateCommand.Create(),
        ConvertCommand.Create(),
        ImportCommand.Create(),
        DiagnosticsCommand.Create(),
        InfoCommand.Create(),
    };

    /// <summary>
    /// Parses and runs a command line. A command line the parser rejects (an unknown option, a value outside the accepted
    /// ones, a missing required option) prints the parser's message and exits with <see cref="CliRunner.BadInput"/> (2), as
    /// any other bad input does, instead of the parser's own 1.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> InvokeAsync(string[] args)
    {
        ParseResult result = Build().Parse(args);
        int code = await result.InvokeAsync().ConfigureAwait(false);
        return result.Errors.Count > 0 ? CliRunner.BadInput : code;
    }

    /// <summary>Parses and runs a command line synchronously (see <see cref="InvokeAsync"/>).</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code.</returns>
    public static int Invoke(string[] args)
    {
        ParseResult result = Build().Parse(args);
        int code = result.Invoke();
        return result.Errors.Count > 0 ? CliRunner.BadInput : code;
    }
}
