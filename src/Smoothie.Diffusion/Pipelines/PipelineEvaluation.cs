using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Evaluation;
using Smoothie.Text.Baselines;

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

    /// <summary>
    /// Generates a rewrite of every source and scores it as <see cref="Evaluate"/> does, and also with the reader metrics,
    /// beside two baselines: copying the source and a word lookup learned from the training pairs.
    /// </summary>
    /// <param name="pipeline">The trained pipeline.</param>
    /// <param name="pairs">Source/reference pairs.</param>
    /// <param name="lookup">The word-lookup baseline, learned from the pipeline's training pairs (<see cref="WordLookupBaseline.Learn"/>).</param>
    /// <param name="trainingTargetWords">The words of the training targets (<see cref="TargetWordList.FromTexts"/>): what "invented" is measured against.</param>
    /// <param name="options">Generation settings.</param>
    /// <param name="cancellationToken">Stops generation between steps.</param>
    public static EvaluationReport EvaluateWithBaselines(
        this SmoothiePipeline pipeline,
        IReadOnlyList<Seq2SeqPair> pairs,
        WordLookupBaseline lookup,
        IReadOnlySet<string> trainingTargetWords,
        GenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(trainingTargetWords);
        if (pairs.Count == 0)
        {
            throw new ArgumentException("There is nothing to evaluate: the pair list is empty.", nameof(pairs));
        }

        IReadOnlyList<string> hypotheses = pipeline.Generate(pairs.Select(p => p.Source).ToList(), options, cancellationToken);
        EvaluationReport report = Score(pairs, hypotheses, lookup, trainingTargetWords);
        if (pipeline.Configuration.SourceDraft == Configuration.SourceDraftKind.None)
        {
            return report;
        }

        var sources = pairs.Select(p => p.Source).ToList();
        var drafts = sources.Select(pipeline.Draft).ToList();
        var references = pairs.Select(p => p.Target).ToList();
        return report with
        {
            DraftScores = SystemScores.Compute(DraftName(pipeline.Configuration.SourceDraft, pipeline.Configuration.SourceDraftShare), sources, drafts, references, trainingTargetWords),
            ModelVsDraftBleu = BleuBootstrap.Compare(hypotheses, drafts, references),
        };
    }

    /// <summary>The name of the draft's row in score tables.</summary>
    private static string DraftName(SourceDraftKind draft, double share)
    {
        string lookup = draft == SourceDraftKind.WordLookupInContext ? "lookup in context" : "lookup";
        return share > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"its draft ({lookup}, share ≥ {share})")
            : $"its draft ({lookup})";
    }

    /// <summary>
    /// Scores given hypotheses as <see cref="Score(IReadOnlyList{Seq2SeqPair}, IReadOnlyList{string})"/> does, plus
    /// the rows of <see cref="EvaluationReport.ModelScores"/>, <see cref="EvaluationReport.CopyScores"/> and
    /// <see cref="EvaluationReport.LookupScores"/> and the paired bootstrap of BLEU, model against lookup.
    /// </summary>
    /// <param name="pairs">Source/reference pairs.</param>
    /// <param name="hypotheses">One output per pair.</param>
    /// <param name="lookup">The word-lookup baseline, learned from the training pairs.</param>
    /// <param name="trainingTargetWords">The words of the training targets.</param>
    public static EvaluationReport Score(IReadOnlyList<Seq2SeqPair> pairs, IReadOnlyList<string> hypotheses, WordLookupBaseline lookup, IReadOnlySet<string> trainingTargetWords)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(trainingTargetWords);
        EvaluationReport report = Score(pairs, hypotheses);
        var sources = pairs.Select(p => p.Source).ToList();
        var references = pairs.Select(p => p.Target).ToList();
        IReadOnlyList<string> lookupHypotheses = lookup.RewriteAll(sources);
        return report with
        {
            ModelScores = SystemScores.Compute("Smoothie", sources, hypotheses, references, trainingTargetWords),
            CopyScores = SystemScores.Compute("copy source", sources, sources, references, trainingTargetWords),
            LookupScores = SystemScores.Compute("word lookup", sources, lookupHypotheses, references, trainingTargetWords),
            LookupHypotheses = lookupHypotheses,
            ModelVsLookupBleu = BleuBootstrap.Compare(hypotheses, lookupHypotheses, references),
        };
    }
}
