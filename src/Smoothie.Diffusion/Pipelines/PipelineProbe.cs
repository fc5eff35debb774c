using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Sampling;
using Smoothie.Training.Data;
using Smoothie.Training.Diagnostics;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// Runs <see cref="DenoiserProbe"/> on a trained pipeline and held-out pairs: the pairs are drafted and encoded as the
/// pipeline's training encodes them, and the model's weights (the EMA weights of a trained pipeline) are probed.
/// </summary>
public static class PipelineProbe
{
    /// <summary>Probes a pipeline on the first <paramref name="rows"/> training rows that <paramref name="pairs"/> encode to.</summary>
    /// <param name="pipeline">A conditional pipeline.</param>
    /// <param name="pairs">Held-out source/target pairs (e.g. the validation split).</param>
    /// <param name="rows">How many encoded rows to probe (one batch).</param>
    /// <param name="times">Times in (0, 1]; null for <see cref="PerTimeDiagnostics.DefaultTimes"/>.</param>
    /// <param name="seed">Seeds the noise.</param>
    /// <returns>The probe's curves.</returns>
    /// <exception cref="ArgumentException">No pair fits the model, <paramref name="rows"/> is not positive, or the pipeline is unconditional.</exception>
    public static DenoiserProbeReport Run(SmoothiePipeline pipeline, IReadOnlyList<Seq2SeqPair> pairs, int rows = 64, IReadOnlyList<double>? times = null, long seed = 1)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        if (!pipeline.Configuration.Model.IsConditional)
        {
            throw new ArgumentException("The probe compares the loss with the true and another row's source; this pipeline has no source.", nameof(pipeline));
        }

        IReadOnlyList<Seq2SeqPair> given = pipeline.Configuration.SourceDraft == SourceDraftKind.None
            ? pairs
            : pairs.Select(p => p with { Source = pipeline.Draft(p.Source) }).ToList();
        PairEncoding encoding = pipeline.EncodePairs(given);
        if (encoding.Rows == 0)
        {
            throw new ArgumentException($"No pair fits the model: {encoding.Summary}", nameof(pairs));
        }

        var corpus = new TokenizedCorpus(encoding.Targets, encoding.Sources, pipeline.Configuration.TargetLength, pipeline.Configuration.SourceLength, pipeline.Codec.PadId);
        using Seq2SeqBatch batch = corpus.Batch(Enumerable.Range(0, Math.Min(rows, corpus.Count)).ToArray(), pipeline.Device);
        return DenoiserProbe.Run(pipeline.Network, pipeline.Space, pipeline.Schedule, batch, pipeline.TargetPadId, times, seed);
    }
}
