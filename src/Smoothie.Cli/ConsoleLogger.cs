using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Smoothie.Cli;

/// <summary>Prints the library's information, warning and error log lines on the console (resumes, encoding summaries, validation).</summary>
internal sealed class ConsoleLogger(IAnsiConsole console) : ILogger
{
    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    /// <inheritdoc/>
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string message = Markup.Escape(formatter(state, exception));
        console.MarkupLine(logLevel >= LogLevel.Warning ? $"[yellow]{message}[/]" : message);
    }
}
