using Smoothie.Data;
using Smoothie.Embeddings.MiniLM;
using Smoothie.Embeddings;
using Smoothie.Training.Data;

namespace Smoothie.Benchmarks;

/// <summary>
/// Real data of the real shapes: MiniLM's normalised E (30,522 × 384), the Bible kjv→web training pairs tokenised with
/// its WordPiece vocabulary (48 tokens), and the sub-vocabulary of every id in those pairs plus the special tokens.
/// Built once per process.
/// </summary>
internal sealed class BibleWorkload
{
    private static readonly Lazy<BibleWorkload> Cached = new(() => new BibleWorkload());

    private BibleWorkload()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        var codec = MiniLmEmbeddings.CreateCodec();
        var pairs = BibleCorpus.Pairs(BibleSplit.Train, "kjv", "web");
        EncodedIds(codec.EncodeBatch(pairs.Select(p => p.Source).ToList(), Workloads.Length), out var sources);
        EncodedIds(codec.EncodeBatch(pairs.Select(p => p.Target).ToList(), Workloads.Length), out var targets);
        int[] special = Enumerable.Range(0, codec.VocabularySize).Where(codec.IsSpecial).ToArray();
        SubVocabulary = SubVocabulary.FromTargets(targets.Concat(sources).Select(r => r.Select(v => (int)v).ToArray()), special, codec.VocabularySize);
        Full = EmbeddingMatrix.FromTokenEmbeddings(MiniLmEmbeddings.Load());
        Sub = Full.Restrict(SubVocabulary);
        FullTargets = targets;
        SubCorpus = new TokenizedCorpus(
            targets.Select(ToSub).ToList(), sources.Select(ToSub).ToList(), Workloads.Length, Workloads.Length, sourcePadId: SubVocabulary.ToSub(codec.PadId));
        PadId = codec.PadId;
    }

    public static BibleWorkload Instance => Cached.Value;

    /// <summary>E of the full bert-base-uncased vocabulary (V = 30,522).</summary>
    public EmbeddingMatrix Full { get; }

    /// <summary>E restricted to the Bible sub-vocabulary.</summary>
    public EmbeddingMatrix Sub { get; }

    public SubVocabulary SubVocabulary { get; }

    /// <summary>Training targets in original ids.</summary>
    public IReadOnlyList<long[]> FullTargets { get; }

    /// <summary>kjv→web pairs in sub-vocabulary ids.</summary>
    public TokenizedCorpus SubCorpus { get; }

    public int PadId { get; }

    private long[] ToSub(long[] row) => row.Select(id => (long)SubVocabulary.ToSub((int)id)).ToArray();

    private static void EncodedIds(Smoothie.Text.EncodedBatch batch, out List<long[]> rows)
    {
        rows = new List<long[]>(batch.Count);
        for (int i = 0; i < batch.Count; i++)
        {
            rows.Add(batch.Row(i).ToArray());
        }
    }
}
