using System.Globalization;

namespace Smoothie.Evaluation;

/// <summary>
/// The corpus reader metrics of <see cref="ReaderMetrics.Compute(IReadOnlyList{string}, IReadOnlyList{string}, IReadOnlyList{string}, IReadOnlySet{string})"/>:
/// kept, invented, clean rows and edit P/R/F0.5, with the counts behind them and every row's details. Rates are
/// fractions in [0, 1]; <see cref="ToScores"/> gives them on 0–100 for a score table.
/// </summary>
public sealed class ReaderMetricsReport
{
    internal ReaderMetricsReport(IReadOnlyList<ReaderRow> rows)
    {
        Rows = rows;
        var edits = new EditScore(0, 0, 0);
        foreach (ReaderRow row in rows)
        {
            SharedWords += row.SharedWords;
            KeptWords += row.KeptWords;
            OutputWords += row.OutputWords;
            InventedWords += row.InventedWords.Count;
            CleanRowCount += row.IsClean ? 1 : 0;
            edits += row.Edits;
        }

        Edits = edits;
    }

    /// <summary>The rows, in input order (for <see cref="ForRows"/>, in the order and multiplicity asked for).</summary>
    public IReadOnlyList<ReaderRow> Rows { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount => Rows.Count;

    /// <summary>Σ shared words (source ∩ reference) over the rows.</summary>
    public long SharedWords { get; }

    /// <summary>Σ shared words the outputs kept.</summary>
    public long KeptWords { get; }

    /// <summary>Kept = <see cref="KeptWords"/> / <see cref="SharedWords"/>; 1 when nothing is shared.</summary>
    public double Kept => SharedWords == 0 ? 1.0 : (double)KeptWords / SharedWords;

    /// <summary>Σ output words.</summary>
    public long OutputWords { get; }

    /// <summary>Σ invented output words (occurrences).</summary>
    public long InventedWords { get; }

    /// <summary>Invented = <see cref="InventedWords"/> / <see cref="OutputWords"/>; 0 when the outputs have no word.</summary>
    public double Invented => OutputWords == 0 ? 0.0 : (double)InventedWords / OutputWords;

    /// <summary>The number of rows that lose no shared word and invent none.</summary>
    public int CleanRowCount { get; }

    /// <summary>Clean rows = <see cref="CleanRowCount"/> / <see cref="RowCount"/>; 1 when there is no row.</summary>
    public double CleanRows => RowCount == 0 ? 1.0 : (double)CleanRowCount / RowCount;

    /// <summary>The summed edit counts and the corpus edit precision, recall and F0.5.</summary>
    public EditScore Edits { get; }

    /// <summary>
    /// The report of a multiset of these rows: <paramref name="rowIndices"/> may repeat rows (a bootstrap resample).
    /// Every corpus value is recomputed from the chosen rows' counts.
    /// </summary>
    /// <param name="rowIndices">Positions in <see cref="Rows"/>.</param>
    /// <exception cref="ArgumentException">An index is outside <see cref="Rows"/>.</exception>
    public ReaderMetricsReport ForRows(IReadOnlyList<int> rowIndices)
    {
        ArgumentNullException.ThrowIfNull(rowIndices);
        var rows = new ReaderRow[rowIndices.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            int index = rowIndices[i];
            if ((uint)index >= (uint)Rows.Count)
            {
                throw new ArgumentException($"Row index {index} (position {i}) is outside the {Rows.Count} rows.", nameof(rowIndices));
            }

            rows[i] = Rows[index];
        }

        return new ReaderMetricsReport(rows);
    }

    /// <summary>
    /// The values for a score table, rates on 0–100: <c>kept</c>, <c>invented</c>, <c>clean_rows</c>, <c>edit_precision</c>,
    /// <c>edit_recall</c>, <c>edit_f05</c>, and the count <c>rows</c>.
    /// </summary>
    public IReadOnlyDictionary<string, double> ToScores() => new Dictionary<string, double>
    {
        ["kept"] = 100 * Kept,
        ["invented"] = 100 * Invented,
        ["clean_rows"] = 100 * CleanRows,
        ["edit_precision"] = 100 * Edits.Precision,
        ["edit_recall"] = 100 * Edits.Recall,
        ["edit_f05"] = 100 * Edits.F05,
        ["rows"] = RowCount,
    };

    /// <summary>One line, e.g. <c>kept 97.1 % | invented 0.4 % | clean rows 81.2 % | edit P/R/F0.5 41.0/38.2/40.4 | 1,000 rows</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"kept {100 * Kept:F1} % | invented {100 * Invented:F1} % | clean rows {100 * CleanRows:F1} % | edit P/R/F0.5 {100 * Edits.Precision:F1}/{100 * Edits.Recall:F1}/{100 * Edits.F05:F1} | {RowCount:N0} rows");
}
