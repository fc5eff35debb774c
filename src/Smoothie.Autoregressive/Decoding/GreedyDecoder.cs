using Smoothie.Autoregressive.Modules;
using Smoothie.Autoregressive.Vocabulary;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Decoding;

/// <summary>Greedy decoding: each step appends the most probable token of the pointer distribution, until the end token.</summary>
internal static class GreedyDecoder
{
    /// <summary>The content (codec ids, no start or end token) written for every row of <paramref name="sources"/>.</summary>
    public static int[][] Decode(PointerGeneratorTransformer network, Tensor embeddingMatrix, PointerVocabulary vocabulary, EncodedSources sources, int startId, int maxTokens)
    {
        var prefixes = Enumerable.Range(0, sources.Count).Select(_ => new List<long> { startId }).ToArray();
        var contents = Enumerable.Range(0, sources.Count).Select(_ => new List<int>()).ToArray();
        var active = Enumerable.Range(0, sources.Count).ToList();
        for (int step = 0; step < maxTokens && active.Count > 0; step++)
        {
            long[] best;
            using (var scope = NewDisposeScope())
            {
                Tensor logProbabilities = sources.NextLogProbabilities(network, embeddingMatrix, active, active.Select(r => prefixes[r]).ToList());
                best = logProbabilities.argmax(-1).cpu().data<long>().ToArray();
            }

            var stillActive = new List<int>(active.Count);
            for (int n = 0; n < active.Count; n++)
            {
                int row = active[n];
                int codecId = vocabulary.CodecIdOf(best[n], sources.Extensions[row]);
                if (codecId == vocabulary.Codec.EndId)
                {
                    continue;
                }

                contents[row].Add(codecId);
                prefixes[row].Add(codecId);
                stillActive.Add(row);
            }

            active = stillActive;
        }

        return contents.Select(c => c.ToArray()).ToArray();
    }
}
