using System.CommandLine;
using Smoothie.Cli.Commands;

var root = new RootCommand("smoothie — Smoothie text diffusion (arXiv 2505.18853) for .NET: train, generate, evaluate, ablate.")
{
    QuickstartCommand.Create(),
    TrainCommand.Create(),
    GenerateCommand.Create(),
    EvaluateCommand.Create(),
    AblateCommand.Create(),
    InfoCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
