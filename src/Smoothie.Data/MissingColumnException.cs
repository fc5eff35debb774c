namespace Smoothie.Data;

/// <summary>A requested column does not exist; the message lists the columns that do.</summary>
public sealed class MissingColumnException : ArgumentException
{
    /// <summary>Creates the exception for the missing <paramref name="column"/>.</summary>
    /// <param name="column">The column name that was asked for.</param>
    /// <param name="availableColumns">The columns the input has.</param>
    /// <param name="parameterName">The argument that named the column.</param>
    /// <param name="sourceName">The file name or description of the input; may be null.</param>
    public MissingColumnException(string column, IReadOnlyList<string> availableColumns, string parameterName, string? sourceName = null)
        : base(
            $"Column '{column}' was not found in {sourceName ?? "the input"}; available columns: "
            + (availableColumns.Count == 0 ? "(none)" : string.Join(", ", availableColumns.Select(c => $"'{c}'"))) + ".",
            parameterName)
    {
        Column = column;
        AvailableColumns = availableColumns;
    }

    /// <summary>The column name that was asked for.</summary>
    public string Column { get; }

    /// <summary>The columns the input has.</summary>
    public IReadOnlyList<string> AvailableColumns { get; }
}
