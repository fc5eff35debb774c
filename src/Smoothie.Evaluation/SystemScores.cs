namespace Smoothie.Evaluation;

/// <summary>
/// One system's row of a score table on (source, output, reference) rows: corpus BLEU (cased and lowercased), ROUGE-L,
/// SARI, the archaic words rewritten and the reader metrics (kept, invented, clean rows, edit P/R/F0.5).
/// </summary>
/// <param name="Name">The system's name in the table (for example "copy source").</param>
/// <param name="Bleu">Corpus BLEU (sacreBLEU 13a, cased), 0–100.</param>
/// <param name="BleuLowercase">Corpus BLEU lowercased, 0–100.</param>
/// <param name="RougeL">ROUGE-L F1, 0–1.</param>
/// <param name="Sari">SARI, 0–100.</param>
/// <param name="ArchaicRewritten">Share of the sources' archaic words the outputs no longer contain (<see cref="ArchaicWords"/>), 0–100.</param>
/// <param name="Reader">The reader metrics of every row and of the corpus (<see cref="ReaderMetrics"/>).</param>
public sealed record SystemScores(string Name, double Bleu, double BleuLowercase, double RougeL, double Sari, double ArchaicRewritten, ReaderMetricsReport Reader)
{
    /// <summary>Scores one system's outputs.</summary>
    /// <param name="name">The system's name in the table.</param>
    /// <param name="sources">The inputs.</param>
    /// <param name="outputs">The system's outputs, one per source.</param>
    /// <param name="references">One reference per source.</param>
    /// <param name="targetWords">The lower-cased words of the training targets (<see cref="TargetWordList"/>): what "invented" is measured against.</param>
    /// <exception cref="ArgumentException">The counts differ, a text is null, or every reference is empty.</exception>
    public static SystemScores Compute(string name, IReadOnlyList<string> sources, IReadOnlyList<string> outputs, IReadOnlyList<string> references, IReadOnlySet<string> targetWords)
    {
        ArgumentNullException.ThrowIfNull(name);
        ReaderMetricsReport reader = ReaderMetrics.Compute(sources, outputs, references, targetWords);
        IReadOnlyList<IReadOnlyList<string>> multi = MetricArguments.SingleReferences(references);
        return new SystemScores(
            name,
            new Bleu().CorpusScore(outputs, references).Score,
            new Bleu(new BleuOptions { Lowercase = true }).CorpusScore(outputs, references).Score,
            new Rouge().CorpusScore(outputs, references).RougeL.F1,
            new Sari().CorpusScore(sources, outputs, multi),
            ArchaicWords.Rate(sources, outputs).Rate * 100,
            reader);
    }
}
