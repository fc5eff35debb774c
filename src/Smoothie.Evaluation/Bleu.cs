namespace Smoothie.Evaluation;

/// <summary>
/// BLEU (Papineni et al. 2002) computed exactly as sacreBLEU 2.x: optional lowercasing, 13a tokenization of the
/// right-stripped segment, clipped n-gram matches against the union (max count) of the references, closest reference
/// length (shorter wins ties), corpus-level sums, brevity penalty and the chosen smoothing; score on 0–100.
/// </summary>
public sealed class Bleu : ITextMetric
{
    /// <summary>Creates the metric with <paramref name="options"/> (default: sacreBLEU's corpus defaults).</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public Bleu(BleuOptions? options = null)
    {
        Options = options ?? BleuOptions.Default;
        Options.Validate();
    }

    /// <summary>The options in use.</summary>
    public BleuOptions Options { get; }

    private int StatisticsLength => 2 + (2 * Options.MaxNGramOrder);

    /// <inheritdoc />
    public string Name => "BLEU";

    /// <summary>Corpus BLEU with one reference per hypothesis.</summary>
    public BleuScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references) =>
        CorpusScore(hypotheses, MetricArguments.SingleReferences(references));

    /// <summary>Corpus BLEU with one or more references per hypothesis. Empty references are ignored; an example whose references are all empty is an error (as in sacreBLEU).</summary>
    /// <exception cref="ArgumentException">Counts differ or an example has no non-empty reference.</exception>
    public BleuScore CorpusScore(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        MetricArguments.CheckParallel(hypotheses, references);
        var stats = new double[StatisticsLength];
        for (int i = 0; i < hypotheses.Count; i++)
        {
            AddSegmentStatistics(hypotheses[i], references[i], i, stats);
        }

        return Compute(stats);
    }

    /// <summary>
    /// The sufficient statistics of every segment, as sacreBLEU's <c>_extract_corpus_statistics</c>: one array per
    /// segment, <c>[hyp_len, ref_len, matches n = 1..N, totals n = 1..N]</c> (N = <see cref="BleuOptions.MaxNGramOrder"/>).
    /// Summing the arrays of any multiset of segments and passing the sum to <see cref="ScoreFromStatistics"/> gives the
    /// corpus BLEU of those segments, exactly as <see cref="CorpusScore(IReadOnlyList{string}, IReadOnlyList{IReadOnlyList{string}})"/>
    /// would; bootstrap resampling (<see cref="BleuBootstrap"/>) relies on it.
    /// </summary>
    /// <param name="hypotheses">One hypothesis per segment.</param>
    /// <param name="references">For each segment, one or more references.</param>
    /// <returns>A fresh array of length <c>2 + 2N</c> per segment.</returns>
    /// <exception cref="ArgumentException">Counts differ or a segment has no non-empty reference.</exception>
    public double[][] SegmentStatistics(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        MetricArguments.CheckParallel(hypotheses, references);
        var rows = new double[hypotheses.Count][];
        for (int i = 0; i < hypotheses.Count; i++)
        {
            rows[i] = new double[StatisticsLength];
            AddSegmentStatistics(hypotheses[i], references[i], i, rows[i]);
        }

        return rows;
    }

    /// <summary>
    /// Corpus BLEU from summed sufficient statistics <c>[hyp_len, ref_len, matches n = 1..N, totals n = 1..N]</c>
    /// (see <see cref="SegmentStatistics"/>), with these options' smoothing and effective order.
    /// </summary>
    /// <param name="statistics">The summed statistics, of length <c>2 + 2N</c>.</param>
    /// <exception cref="ArgumentException">The length is not <c>2 + 2N</c>.</exception>
    public BleuScore ScoreFromStatistics(ReadOnlySpan<double> statistics)
    {
        if (statistics.Length != StatisticsLength)
        {
            throw new ArgumentException(
                $"BLEU statistics must hold 2 + 2 x {Options.MaxNGramOrder} = {StatisticsLength} values (hyp_len, ref_len, matches, totals); got {statistics.Length}.",
                nameof(statistics));
        }

        return Compute(statistics.ToArray());
    }

    /// <summary>
    /// BLEU of one sentence against its references with these options. sacreBLEU's <c>sentence_bleu()</c> uses
    /// <see cref="BleuOptions.SentenceDefault"/> (effective order on).
    /// </summary>
    public BleuScore SentenceScore(string hypothesis, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        return CorpusScore([hypothesis], [references]);
    }

    /// <inheritdoc />
    public MetricResult Compute(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string>? sources = null)
    {
        BleuScore score = CorpusScore(hypotheses, references);
        int nrefs = references.Select(r => r.Count(x => !string.IsNullOrEmpty(x))).Distinct().Count() == 1
            ? references[0].Count(x => !string.IsNullOrEmpty(x))
            : -1;
        var values = new Dictionary<string, double>
        {
            ["bleu"] = score.Score,
            ["bp"] = score.BrevityPenalty,
            ["ratio"] = score.Ratio,
            ["hyp_len"] = score.HypothesisLength,
            ["ref_len"] = score.ReferenceLength,
        };
        for (int n = 0; n < score.Precisions.Count; n++)
        {
            values[$"precision_{n + 1}"] = score.Precisions[n];
        }

        return new MetricResult(Name, values, $"{score} {Options.Signature(nrefs)}");
    }

    /// <summary>The tokens of a segment after this metric's lowercasing and tokenization.</summary>
    public string[] Preprocess(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (Options.Lowercase)
        {
            segment = segment.ToLowerInvariant();
        }

        segment = PythonText.RStrip(segment);
        return Options.Tokenization == BleuTokenization.Tok13a ? Tokenizer13a.TokenizeToArray(segment) : PythonText.Split(segment);
    }

    private void AddSegmentStatistics(string hypothesis, IReadOnlyList<string> references, int index, double[] stats)
    {
        ArgumentNullException.ThrowIfNull(hypothesis, nameof(hypothesis));
        int order = Options.MaxNGramOrder;
        var referenceNGrams = new Dictionary<string, int>(StringComparer.Ordinal);
        var referenceLengths = new List<int>();
        foreach (string reference in references)
        {
            if (string.IsNullOrEmpty(reference))
            {
                continue;
            }

            string[] tokens = Preprocess(reference);
            referenceLengths.Add(tokens.Length);
            for (int n = 1; n <= order; n++)
            {
                foreach ((string key, int count) in NGramCounts.Of(tokens, n))
                {
                    referenceNGrams[key] = Math.Max(referenceNGrams.GetValueOrDefault(key), count);
                }
            }
        }

        if (referenceLengths.Count == 0)
        {
            throw new ArgumentException($"Example {index} has only empty references; BLEU needs a non-empty reference (sacreBLEU raises here too).", nameof(references));
        }

        string[] hypothesisTokens = Preprocess(hypothesis);
        int hypothesisLength = hypothesisTokens.Length;
        int closestLength = -1, closestDifference = -1;
        foreach (int length in referenceLengths)
        {
            int difference = Math.Abs(hypothesisLength - length);
            if (closestDifference == -1 || difference < closestDifference)
            {
                closestDifference = difference;
                closestLength = length;
            }
            else if (difference == closestDifference && length < closestLength)
            {
                closestLength = length;
            }
        }

        stats[0] += hypothesisLength;
        stats[1] += closestLength;
        for (int n = 1; n <= order; n++)
        {
            foreach ((string key, int count) in NGramCounts.Of(hypothesisTokens, n))
            {
                stats[2 + order + n - 1] += count;
                if (referenceNGrams.TryGetValue(key, out int referenceCount))
                {
                    stats[2 + n - 1] += Math.Min(count, referenceCount);
                }
            }
        }
    }

    private BleuScore Compute(double[] stats)
    {
        int order = Options.MaxNGramOrder;
        long hypothesisLength = (long)stats[0];
        long referenceLength = (long)stats[1];
        double[] correct = stats[2..(2 + order)];
        double[] total = stats[(2 + order)..];
        double smoothValue = Options.SmoothValue ?? (Options.Smoothing == BleuSmoothing.Floor ? 0.1 : 1.0);

        double brevityPenalty = hypothesisLength < referenceLength
            ? (hypothesisLength > 0 ? Math.Exp(1 - ((double)referenceLength / hypothesisLength)) : 0.0)
            : 1.0;

        var precisions = new double[order];
        if (correct.All(c => c == 0))
        {
            return new BleuScore(0.0, correct, total, precisions, brevityPenalty, hypothesisLength, referenceLength);
        }

        double smoothMteval = 1.0;
        int effectiveOrder = order;
        for (int n = 1; n <= order; n++)
        {
            if (Options.Smoothing == BleuSmoothing.AddK && n > 1)
            {
                correct[n - 1] += smoothValue;
                total[n - 1] += smoothValue;
            }

            if (total[n - 1] == 0)
            {
                break;
            }

            if (Options.EffectiveOrder)
            {
                effectiveOrder = n;
            }

            if (correct[n - 1] == 0)
            {
                if (Options.Smoothing == BleuSmoothing.Exp)
                {
                    smoothMteval *= 2;
                    precisions[n - 1] = 100.0 / (smoothMteval * total[n - 1]);
                }
                else if (Options.Smoothing == BleuSmoothing.Floor)
                {
                    precisions[n - 1] = 100.0 * smoothValue / total[n - 1];
                }
            }
            else
            {
                precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
            }
        }

        // sacreBLEU's my_log: log(0) is taken as -9999999999.
        double logSum = 0;
        for (int n = 0; n < effectiveOrder; n++)
        {
            logSum += precisions[n] == 0.0 ? -9999999999.0 : Math.Log(precisions[n]);
        }

        double score = brevityPenalty * Math.Exp(logSum / effectiveOrder);
        return new BleuScore(score, correct, total, precisions, brevityPenalty, hypothesisLength, referenceLength);
    }
}
