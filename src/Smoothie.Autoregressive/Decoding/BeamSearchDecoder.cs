using Smoothie.Autoregressive.Modules;
using Smoothie.Autoregressive.Vocabulary;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Decoding;

/// <summary>
/// Beam search: each source keeps the <c>width</c> best unfinished hypotheses by summed log-probability; a hypothesis that
/// writes the end token is finished, and a source is done when it has <c>width</c> finished ones (or at the length
/// limit, where its unfinished ones count as finished). The output is the finished hypothesis with the best
/// length-normalised score <c>Σ log p / (tokens)^α</c>. With width 1 it is greedy decoding.
/// </summary>
internal static class BeamSearchDecoder
{
    /// <summary>The content (codec ids, no start or end token) written for every row of <paramref name="sources"/>.</summary>
    public static int[][] Decode(PointerGeneratorTransformer network, Tensor embeddingMatrix, PointerVocabulary vocabulary, EncodedSources sources, int startId, int maxTokens, int width, double lengthPenalty)
    {
        var beams = Enumerable.Range(0, sources.Count).Select(_ => new List<Hypothesis> { new([startId], 0) }).ToArray();
        var finished = Enumerable.Range(0, sources.Count).Select(_ => new List<Hypothesis>()).ToArray();
        for (int step = 0; step < maxTokens; step++)
        {
            var owners = new List<int>();
            var alive = new List<Hypothesis>();
            for (int row = 0; row < sources.Count; row++)
            {
                if (finished[row].Count < width)
                {
                    owners.AddRange(beams[row].Select(_ => row));
                    alive.AddRange(beams[row]);
                }
            }

            if (alive.Count == 0)
            {
                break;
            }

            (float[] values, long[] indices, int k) = TopCandidates(network, embeddingMatrix, sources, owners, alive, width);
            for (int row = 0; row < sources.Count; row++)
            {
                if (finished[row].Count < width)
                {
                    beams[row] = Extend(vocabulary, sources.Extensions[row], owners, alive, values, indices, k, row, width, finished[row], lengthPenalty);
                }
            }
        }

        return Enumerable.Range(0, sources.Count).Select(row =>
        {
            IEnumerable<Hypothesis> candidates = finished[row].Count > 0 ? finished[row] : beams[row].Select(h => h with { Normalized = Normalize(h.Score, h.Tokens.Count - 1, lengthPenalty) });
            Hypothesis best = candidates.OrderByDescending(h => h.Normalized).First();
            return best.Tokens.Skip(1).Select(t => (int)t).ToArray();
        }).ToArray();
    }

    private static (float[] Values, long[] Indices, int K) TopCandidates(
        PointerGeneratorTransformer network, Tensor embeddingMatrix, EncodedSources sources, List<int> owners, List<Hypothesis> alive, int width)
    {
        using var scope = NewDisposeScope();
        Tensor logProbabilities = sources.NextLogProbabilities(network, embeddingMatrix, owners, alive.Select(h => h.Tokens).ToList());
        int k = (int)Math.Min(width, logProbabilities.shape[1]);
        (Tensor values, Tensor indices) = logProbabilities.topk(k, dim: -1);
        return (values.cpu().data<float>().ToArray(), indices.cpu().data<long>().ToArray(), k);
    }

    /// <summary>The next beam of one source: its best extensions; the ones that end go to <paramref name="finished"/>.</summary>
    private static List<Hypothesis> Extend(
        PointerVocabulary vocabulary, SourceExtension extension, List<int> owners, List<Hypothesis> alive, float[] values, long[] indices, int k, int row, int width, List<Hypothesis> finished, double lengthPenalty)
    {
        var candidates = new List<(double Score, Hypothesis Parent, long Token)>();
        for (int n = 0; n < alive.Count; n++)
        {
            if (owners[n] == row)
            {
                for (int j = 0; j < k; j++)
                {
                    candidates.Add((alive[n].Score + values[(n * k) + j], alive[n], indices[(n * k) + j]));
                }
            }
        }

        var next = new List<Hypothesis>(width);
        foreach ((double score, Hypothesis parent, long token) in candidates.OrderByDescending(c => c.Score))
        {
            int codecId = vocabulary.CodecIdOf(token, extension);
            if (codecId == vocabulary.Codec.EndId)
            {
                finished.Add(new Hypothesis(parent.Tokens, score) { Normalized = Normalize(score, parent.Tokens.Count, lengthPenalty) });
                if (finished.Count >= width)
                {
                    break;
                }

                continue;
            }

            next.Add(new Hypothesis([.. parent.Tokens, codecId], score));
            if (next.Count == width)
            {
                break;
            }
        }

        return next;
    }

    /// <summary>Σ log p / tokens^α (tokens counts the end token when written).</summary>
    private static double Normalize(double score, int tokens, double lengthPenalty) => score / Math.Pow(Math.Max(tokens, 1), lengthPenalty);

    /// <summary>A hypothesis: the decoder input so far (start token first) and its summed log-probability.</summary>
    private sealed record Hypothesis(List<long> Tokens, double Score)
    {
        public double Normalized { get; init; }
    }
}
