using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Text;
using static TorchSharp.torch;

namespace Smoothie.Diffusion.Pipelines;

/// <summary>
/// The vocabulary the latent space runs over and its embeddings: the codec's full vocabulary, or a sub-vocabulary of
/// it. Maps rows of codec ids to latent ids and back. Owns the embedding matrices.
/// </summary>
internal sealed class LatentVocabulary : IDisposable
{
    private readonly ITextCodec codec;

    public LatentVocabulary(ITextCodec codec, EmbeddingMatrix fullEmbeddings, SubVocabulary? subVocabulary)
    {
        this.codec = codec;
        Full = fullEmbeddings;
        Sub = subVocabulary;
        Latent = subVocabulary is null ? fullEmbeddings : fullEmbeddings.Restrict(subVocabulary);
    }

    /// <summary>The normalised full-vocabulary embedding matrix (sources are embedded with it).</summary>
    public EmbeddingMatrix Full { get; }

    /// <summary>The embeddings of the latent vocabulary (<see cref="Full"/> when there is no sub-vocabulary).</summary>
    public EmbeddingMatrix Latent { get; }

    /// <summary>The sub-vocabulary, or null for the full vocabulary.</summary>
    public SubVocabulary? Sub { get; }

    /// <summary>The id that pads targets, in latent ids.</summary>
    public long PadId => Sub?.ToSub(codec.PadId) ?? codec.PadId;

    /// <summary>Maps codec-id rows into latent ids in place; an id the sub-vocabulary lacks becomes <c>[UNK]</c> (or <c>[PAD]</c>).</summary>
    /// <param name="rows">Rows of codec ids.</param>
    public void ToLatentIdsOrUnknown(List<long[]> rows) =>
        ToLatentIds(rows, (sub, missing) => missing.ToDictionary(id => id, _ => (long)sub.ToSub(codec.UnknownId ?? codec.PadId)));

    /// <summary>Maps codec-id rows into latent ids in place; an id the sub-vocabulary lacks becomes the kept token nearest to it.</summary>
    /// <param name="rows">Rows of codec ids.</param>
    public void ToLatentIdsOrNearest(List<long[]> rows) => ToLatentIds(rows, (_, missing) => NearestKeptTokens(missing));

    /// <summary>One row of latent ids as codec ids.</summary>
    /// <param name="row">Latent ids.</param>
    public int[] ToCodecIds(long[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var ids = new int[row.Length];
        for (int i = 0; i < row.Length; i++)
        {
            ids[i] = Sub is { } sub ? sub.ToOriginal((int)row[i]) : checked((int)row[i]);
        }

        return ids;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!ReferenceEquals(Latent, Full))
        {
            Latent.Dispose();
        }

        Full.Dispose();
    }

    private void ToLatentIds(List<long[]> rows, Func<SubVocabulary, long[], IReadOnlyDictionary<long, long>> replacementsFor)
    {
        if (Sub is not { } sub)
        {
            return;
        }

        long[] missing = rows.SelectMany(row => row).Where(id => !sub.Contains((int)id)).Distinct().ToArray();
        IReadOnlyDictionary<long, long> replacements = missing.Length > 0 ? replacementsFor(sub, missing) : new Dictionary<long, long>();
        foreach (long[] row in rows)
        {
            for (int j = 0; j < row.Length; j++)
            {
                row[j] = replacements.TryGetValue(row[j], out long subId) ? subId : sub.ToSub((int)row[j]);
            }
        }
    }

    /// <summary>For each full-vocabulary id, the latent id of the nearest kept token (Euclidean, normalised embeddings).</summary>
    private Dictionary<long, long> NearestKeptTokens(long[] ids)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor vectors = Full.Weights.index_select(0, tensor(ids, device: Full.Device));
        long[] kept = Latent.NearestTokens(vectors).cpu().data<long>().ToArray();
        return ids.Select((id, i) => (id, kept[i])).ToDictionary(p => p.id, p => p.Item2);
    }
}
