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
}
