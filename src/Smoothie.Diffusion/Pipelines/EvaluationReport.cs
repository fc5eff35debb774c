using Smoothie.Evaluation;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>Generation quality on a set of pairs, with the copy-the-source baseline on the same pairs.</summary>
/// <param name="Count">Pairs evaluated.</param>
/// <param name="Bleu">Corpus BLEU (sacreBLEU 13a, cased), 0–100.</param>
/// <param name="BleuLowercase">Corpus BLEU lowercased, 0–100.</param>
/// <param name="RougeL">ROUGE-L F1 (rouge_score tokenisation), 0–1.</param>
/// <param name="Sari">SARI, 0–100.</param>
/// <param name="CopyBleu">BLEU (cased) of copying the source.</param>
/// <param name="CopyBleuLowercase">BLEU (lowercased) of copying the source.</param>
/// <param name="CopyRougeL">ROUGE-L of copying the source.</param>
/// <param name="CopySari">SARI of copying the source.</param>
/// <param name="Hypotheses">The generated texts, in input order.</param>
public sealed record EvaluationReport(
    int Count,
    double Bleu,
    double BleuLowercase,
    double RougeL,
    double Sari,
    double CopyBleu,
    double CopyBleuLowercase,
    double CopyRougeL,
    double CopySari,
    IReadOnlyList<string> Hypotheses)
{
    /// <summary>Share of the sources' archaic words the outputs rewrote (<see cref="Smoothie.Evaluation.ArchaicWords"/>), 0–100; copying scores 0.</summary>
    public double ArchaicRewritten { get; init; }

    /// <summary>Share of the sources' archaic words the references rewrote, 0–100 (what a faithful modernisation reaches).</summary>
    public double ReferenceArchaicRewritten { get; init; }

    /// <summary>
    /// The model's full row (BLEU, ROUGE-L, SARI, archaic, reader metrics), when scored with the training pairs
    /// (<see cref="PipelineEvaluation.EvaluateWithBaselines"/>); otherwise null.
    /// </summary>
    public SystemScores? ModelScores { get; init; }

    /// <summary>The copy-the-source baseline's full row, when scored with the training pairs; otherwise null.</summary>
    public SystemScores? CopyScores { get; init; }

    /// <summary>
    /// The learned word-lookup baseline's full row (<see cref="Smoothie.Text.Baselines.WordLookupBaseline"/> trained on the
    /// same training pairs), when scored with them; otherwise null.
    /// </summary>
    public SystemScores? LookupScores { get; init; }

    /// <summary>The word-lookup baseline's outputs, in input order, when scored with the training pairs; otherwise null.</summary>
    public IReadOnlyList<string>? LookupHypotheses { get; init; }

    /// <summary>Paired bootstrap of corpus BLEU, model (A) against the word-lookup baseline (B), when scored with the training pairs; otherwise null.</summary>
    public PairedBootstrapResult? ModelVsLookupBleu { get; init; }

    /// <summary>
    /// The full row of the model's own input, when the pipeline drafts its sources (<c>PipelineConfiguration.SourceDraft</c>)
    /// and was scored with the training pairs: the draft alone, scored as a system, so that a reader sees what the
    /// denoiser adds over it; otherwise null.
    /// </summary>
    public SystemScores? DraftScores { get; init; }

    /// <summary>Paired bootstrap of corpus BLEU, model (A) against its own draft (B), when <see cref="DraftScores"/> is set; otherwise null.</summary>
    public PairedBootstrapResult? ModelVsDraftBleu { get; init; }
}
