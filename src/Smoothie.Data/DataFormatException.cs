namespace Smoothie.Data;

/// <summary>A data file is malformed; the message names the file (when known) and the 1-based line number.</summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at <paramref name="lineNumber"/> of <paramref name="sourceName"/>.</summary>
    /// <param name="sourceName">The file name or another description of the input; may be null.</param>
    /// <param name="lineNumber">The 1-based line number where the problem was found.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The underlying parser error, if any.</param>
    public DataFormatException(string? sourceName, int lineNumber, string problem, Exception? innerException = null)
        : base($"{sourceName ?? "input"}, line {lineNumber}: {problem}", innerException)
    {
        SourceName = sourceName;
        LineNumber = lineNumber;
    }

    /// <summary>The file name or description of the input, if known.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based line number of the problem.</summary>
    public int LineNumber { get; }
}
