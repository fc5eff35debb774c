using BenchmarkDotNet.Attributes;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// The O(V) part of one distance-space sampling step at B×L = 4,096 with MiniLM E: full bert-base-uncased vocabulary
/// (30,522) vs the Bible sub-vocabulary. Work: softmax(x_t)·E, x̂0 = D(ê), re-noise, decode.
/// </summary>
[MemoryDiagnoser]
public class SubVocabularyBenchmarks : IFlopCounted
{
    private EmbeddingMatrix embeddings = null!;
    private Tensor prediction = null!;
    private Tensor noisy = null!;
    private Generator generator = null!;

    [Params("Full", "Bible")]
    public string Vocabulary { get; set; } = "Full";

    [GlobalSetup]
    public void Setup()
    {
        ThreadSettings.Apply();
        var bible = BibleWorkload.Instance;
        embeddings = Vocabulary == "Full" ? bible.Full : bible.Sub;
        long[] ids = bible.FullTargets.SelectMany(r => r).Take(Workloads.Rows).ToArray();
        if (Vocabulary != "Full")
        {
            ids = ids.Select(id => (long)bible.SubVocabulary.ToSub((int)id)).ToArray();
        }

        using var scope = NewDisposeScope();
        manual_seed(6);
        Tensor rows = embeddings.Weights.index_select(0, tensor(ids));
        prediction = rows.add(randn_like(rows).mul_(0.3)).MoveToOuterDisposeScope();
        noisy = ForwardProcess.AddNoise(VocabularyOps.ScaledNegativeSquaredDistances(rows, embeddings, 1.5), 0.05, 1.0).MoveToOuterDisposeScope();
        generator = new Generator(1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        prediction.Dispose();
        noisy.Dispose();
        generator.Dispose();
    }

    [Benchmark]
    public void OVPartOfSamplingStep()
    {
        using var scope = NewDisposeScope();
        VocabularyOps.SoftmaxMix(noisy, embeddings);
        Tensor clean = VocabularyOps.ScaledNegativeSquaredDistances(prediction, embeddings, 1.5);
        ForwardProcess.AddNoise(clean, 0.3, 1.0, generator);
        VocabularyOps.NearestTokens(prediction, embeddings);
    }

    public double? Flops(string method) => 3 * FlopCounts.VocabularyGemm(Workloads.Rows, embeddings?.VocabularySize ?? (Vocabulary == "Full" ? 30522 : BibleWorkload.Instance.Sub.VocabularySize));
}
