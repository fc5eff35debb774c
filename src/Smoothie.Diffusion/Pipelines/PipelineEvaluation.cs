using Smoothie.Data;
using Smoothie.Evaluation;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>Generates for seq2seq pairs and scores the outputs against the references (and the copy baseline).</summary>
public static class PipelineEvaluation
{
    /// <summary>Generates a rewrite of every source and scores BLEU (cased and lowercased), ROUGE-L and SARI.</summary>
    /// <param name="pipeline">The trained pipeline.</param>
    /// <param name="pairs">Source/reference pairs.</param>
    /// <param name="options">Generation settings.</param>
    /// <param name="cancellationToken">Stops generation between steps.</param>
    public static EvaluationReport Evaluate(this SmoothiePipeline pipeline, IReadOnlyList<Seq2SeqPair> pairs, GenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("There is nothing to evaluate: the pair list is empty.", nameof(pairs));
        }

        var sources = pairs.Select(p => p.Source).ToList();
        IReadOnlyList<string> hypotheses = pipeline.Generate(sources, options, cancellationToken);
        return Score(pairs, hypotheses);
    }

    /// <summary>Scores given hypotheses (no generation).</summary>
    /// <param name="pairs">Source/reference pairs.</param>
    /// <param name="hypotheses">One output per pair.</param>
    public static EvaluationReport Score(IReadOnlyList<Seq2SeqPair> pairs, IReadOnlyList<string> hypotheses)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(hypotheses);
        if (pairs.Count != hypotheses.Count)
        {
            throw new ArgumentException($"There are {hypotheses.Count} hypotheses for {pairs.Count} pairs.", nameof(hypotheses));
        }

        var sources = pairs.Select(p => p.Source).ToList();
        var references = pairs.Select(p => p.Target).ToList();
        IReadOnlyList<IReadOnlyList<string>> multi = references.Select(r => (IReadOnlyList<string>)[r]).ToList();
        var cased = new Bleu();
        var lower = new Bleu(new BleuOptions { Lowercase = true });
        var rouge = new Rouge();
        var sari = new Sari();
        return new EvaluationReport(
            pairs.Count,
            cased.CorpusScore(hypotheses, references).Score,
            lower.CorpusScore(hypotheses, references).Score,
            rouge.CorpusScore(hypotheses, references).RougeL.F1,
            sari.CorpusScore(sources, hypotheses, multi),
            cased.CorpusScore(sources, references).Score,
            lower.CorpusScore(sources, references).Score,
            rouge.CorpusScore(sources, references).RougeL.F1,
            sari.CorpusScore(sources, sources, multi),
            hypotheses)
        {
            ArchaicRewritten = ArchaicWords.Rate(sources, hypotheses).Rate * 100,
            ReferenceArchaicRewritten = ArchaicWords.Rate(sources, references).Rate * 100,
        };
    }
}
