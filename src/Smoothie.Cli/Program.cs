using Smoothie.Cli;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Logs and CI: do not wrap long lines at Spectre's default of 80 columns.
    AnsiConsole.Console.Profile.Width = 200;
}

return await CliApplication.InvokeAsync(args);
