namespace Smoothie.Data;

/// <summary>The values of the requested columns of one record, in the order they were requested.</summary>
/// <param name="LineNumber">The 1-based line on which the record starts.</param>
/// <param name="Values">One value per requested column.</param>
public sealed record TextTableRow(int LineNumber, IReadOnlyList<string> Values);
