using System.Text;
using Spectre.Console;

namespace Smoothie.Cli.Tests;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal static class CliRun
{
    private static readonly Lock Gate = new();

    public static (int ExitCode, string Output) Invoke(params string[] args)
    {
        (int code, string output, string error) = InvokeSeparately(args);
        return (code, output + error);
    }

    /// <summary>Runs the CLI and returns what it wrote to standard output and to standard error separately.</summary>
    public static (int ExitCode, string Output, string Error) InvokeSeparately(params string[] args)
    {
        lock (Gate)
        {
            var text = new StringWriter();
            var error = new StringWriter();
            TextWriter originalOut = Console.Out, originalError = Console.Error;
            IAnsiConsole originalAnsi = AnsiConsole.Console;
            Console.SetOut(text);
            Console.SetError(error);
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
            AnsiConsole.Console.Profile.Width = 250;
            try
            {
                int code = CliApplication.Invoke(args);
                return (code, text.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(originalOut);
                Console.SetError(originalError);
                AnsiConsole.Console = originalAnsi;
            }
        }
    }
}
