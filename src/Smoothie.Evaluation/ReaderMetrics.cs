namespace Smoothie.Evaluation;

/// <summary>
/// Metrics a reader would trust, per row of (source, output, reference) and over the corpus:
/// <list type="bullet">
/// <item><b>kept</b>: the words source and reference share, as a multiset (shared(w) = min(count in source, count in
/// reference) over lower-cased words w), and how many of them the output keeps (kept(w) = min(shared(w), count in
/// output)); corpus kept = Σ kept / Σ shared, 1 when nothing is shared.</item>
/// <item><b>invented</b>: output words found neither in the training targets' word list nor in the row's source;
/// corpus invented = Σ invented / Σ output words, 0 when the outputs have no word.</item>
/// <item><b>clean rows</b>: the share of rows that lose no shared word and invent none.</item>
/// <item><b>edit P/R/F0.5</b>: word edits source → output against source → reference (<see cref="WordEdits"/>,
/// <see cref="EditScore"/>).</item>
/// </list>
/// Words are runs of letters and digits with inner apostrophes, lower-cased; punctuation is not a word.
/// </summary>
public sealed class ReaderMetrics : ITextMetric
{
    /// <summary>Creates the metric for <see cref="ITextMetric"/> use with a fixed target word list.</summary>
    /// <param name="targetWords">The lower-cased words of the training targets (for example a <see cref="TargetWordList"/>).</param>
    public ReaderMetrics(IReadOnlySet<string> targetWords)
    {
        ArgumentNullException.ThrowIfNull(targetWords);
        TargetWords = targetWords;
    }

    /// <summary>The lower-cased training-target words an output word may use without counting as invented.</summary>
    public IReadOnlySet<string> TargetWords { get; }

    /// <inheritdoc/>
    public string Name => "reader";

    /// <summary>The reader metrics of every row and of the corpus.</summary>
    /// <param name="sources">The inputs.</param>
    /// <param name="outputs">The outputs, one per source.</param>
    /// <param name="references">The references, one per source.</param>
    /// <param name="targetWords">The lower-cased words of the training targets (for example a <see cref="TargetWordList"/>).</param>
    /// <exception cref="ArgumentException">The counts differ or a text is null.</exception>
    public static ReaderMetricsReport Compute(
        IReadOnlyList<string> sources,
        IReadOnlyList<string> outputs,
        IReadOnlyList<string> references,
        IReadOnlySet<string> targetWords)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(targetWords);
        if (outputs.Count != sources.Count)
        {
            throw new ArgumentException($"Expected one output per source: {sources.Count} sources but {outputs.Count} outputs.", nameof(outputs));
        }

        if (references.Count != sources.Count)
        {
            throw new ArgumentException($"Expected one reference per source: {sources.Count} sources but {references.Count} references.", nameof(references));
        }

        var rows = new ReaderRow[sources.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = Row(i, Text(sources, i, nameof(sources)), Text(outputs, i, nameof(outputs)), Text(references, i, nameof(references)), targetWords);
        }

        return new ReaderMetricsReport(rows);
    }

    /// <summary>The reader metrics of one row.</summary>
    /// <param name="index">The row's position, reported back in <see cref="ReaderRow.Index"/>.</param>
    /// <param name="source">The input.</param>
    /// <param name="output">The output.</param>
    /// <param name="reference">The reference.</param>
    /// <param name="targetWords">The lower-cased words of the training targets.</param>
    public static ReaderRow Row(int index, string source, string output, string reference, IReadOnlySet<string> targetWords)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(targetWords);
        List<string> sourceWords = ReaderWords.LowerWords(source);
        List<string> outputWords = ReaderWords.LowerWords(output);
        Dictionary<string, int> sourceCounts = ReaderWords.Counts(sourceWords);
        Dictionary<string, int> outputCounts = ReaderWords.Counts(outputWords);
        Dictionary<string, int> referenceCounts = ReaderWords.Counts(ReaderWords.LowerWords(reference));

        int shared = 0, kept = 0;
        var lost = new List<string>();
        foreach (string word in sourceWords.Distinct(StringComparer.Ordinal))
        {
            int sharedCount = Math.Min(sourceCounts[word], referenceCounts.GetValueOrDefault(word));
            int keptCount = Math.Min(sharedCount, outputCounts.GetValueOrDefault(word));
            shared += sharedCount;
            kept += keptCount;
            lost.AddRange(Enumerable.Repeat(word, sharedCount - keptCount));
        }

        List<string> invented = outputWords.Where(w => !targetWords.Contains(w) && !sourceCounts.ContainsKey(w)).ToList();

        string[] sourceTokens = WordEdits.Tokenize(source);
        IReadOnlyList<WordEdit> outputEdits = WordEdits.Extract(sourceTokens, WordEdits.Tokenize(output));
        IReadOnlyList<WordEdit> referenceEdits = WordEdits.Extract(sourceTokens, WordEdits.Tokenize(reference));
        return new ReaderRow(index, shared, kept, lost, outputWords.Count, invented, outputEdits, referenceEdits, EditScore.Of(outputEdits, referenceEdits));
    }

    /// <summary>
    /// The corpus values on 0–100 (<c>kept</c>, <c>invented</c>, <c>clean_rows</c>, <c>edit_precision</c>,
    /// <c>edit_recall</c>, <c>edit_f05</c>) and the row count, with one reference per example.
    /// </summary>
    /// <inheritdoc/>
    /// <exception cref="ArgumentException">Sources are missing, the counts differ, or an example has other than one reference.</exception>
    public MetricResult Compute(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string>? sources = null)
    {
        MetricArguments.CheckParallel(hypotheses, references);
        MetricArguments.CheckSources(sources, hypotheses.Count, "The reader metrics (kept, invented, edit F0.5)");
        var single = new string[references.Count];
        for (int i = 0; i < single.Length; i++)
        {
            if (references[i].Count != 1)
            {
                throw new ArgumentException($"Example {i} has {references[i].Count} references; the reader metrics compare with exactly one.", nameof(references));
            }

            single[i] = references[i][0];
        }

        ReaderMetricsReport report = Compute(sources!, hypotheses, single, TargetWords);
        return new MetricResult(Name, report.ToScores(), report.ToString());
    }

    private static string Text(IReadOnlyList<string> texts, int index, string name) =>
        texts[index] ?? throw new ArgumentException($"{name}[{index}] is null.", name);
}
