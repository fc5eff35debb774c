using Smoothie.Autoregressive.Modules;
using Smoothie.Autoregressive.Vocabulary;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Decoding;

/// <summary>
/// A batch of source rows encoded once for decoding: the ids, mask, extended ids and encoded states on the device, and
/// each row's <see cref="SourceExtension"/>. Decoders pick rows from it for the hypotheses they extend. Disposing it
/// frees its tensors.
/// </summary>
internal sealed class EncodedSources : IDisposable
{
    private readonly Tensor sourceIds;
    private readonly Tensor sourceMask;
    private readonly Tensor extendedIds;
    private readonly Tensor context;

    /// <summary>Encodes <paramref name="rows"/> (framed source rows of equal length, codec ids) with <paramref name="network"/> (no gradients).</summary>
    public EncodedSources(PointerGeneratorTransformer network, Tensor embeddingMatrix, PointerVocabulary vocabulary, IReadOnlyList<long[]> rows)
    {
        Device device = embeddingMatrix.device;
        int length = rows[0].Length;
        Extensions = rows.Select(r => vocabulary.Extend(r)).ToArray();
        ExtendedVocabularySize = vocabulary.Size + Extensions.Max(e => e.SourceOnlyCodecIds.Count);
        using var scope = NewDisposeScope();
        sourceIds = tensor(rows.SelectMany(r => r).ToArray(), [rows.Count, length], device: device);
        sourceMask = sourceIds.ne(vocabulary.Codec.PadId);
        extendedIds = tensor(Extensions.SelectMany(e => e.ExtendedIdArray()).ToArray(), [rows.Count, length], device: device);
        using (no_grad())
        {
            context = network.Encode(sourceIds, sourceMask, embeddingMatrix);
        }

        sourceIds.MoveToOuterDisposeScope();
        sourceMask.MoveToOuterDisposeScope();
        extendedIds.MoveToOuterDisposeScope();
        context.MoveToOuterDisposeScope();
    }

    /// <summary>Each row's extension.</summary>
    public IReadOnlyList<SourceExtension> Extensions { get; }

    /// <summary>The number of source rows.</summary>
    public int Count => Extensions.Count;

    /// <summary>V_ext of the batch.</summary>
    public long ExtendedVocabularySize { get; }

    /// <summary>
    /// The last-position log-probabilities <c>[N, V_ext]</c> of N hypotheses: hypothesis n extends source row
    /// <paramref name="owners"/>[n] with the decoder input <paramref name="prefixes"/>[n] (codec ids, all of equal length).
    /// </summary>
    public Tensor NextLogProbabilities(PointerGeneratorTransformer network, Tensor embeddingMatrix, IReadOnlyList<int> owners, IReadOnlyList<List<long>> prefixes)
    {
        using var scope = NewDisposeScope();
        Device device = embeddingMatrix.device;
        Tensor index = tensor(owners.Select(o => (long)o).ToArray(), device: device);
        Tensor inputs = tensor(prefixes.SelectMany(p => p).ToArray(), [prefixes.Count, prefixes[0].Count], device: device);
        var input = new PointerInput(sourceIds.index_select(0, index), sourceMask.index_select(0, index), extendedIds.index_select(0, index), ExtendedVocabularySize, inputs, embeddingMatrix);
        Tensor probabilities = network.Decode(context.index_select(0, index), input, lastPositionOnly: true);
        return probabilities.squeeze(1).clamp_min(Training.TeacherForcingLoss.ProbabilityFloor).log().MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        sourceIds.Dispose();
        sourceMask.Dispose();
        extendedIds.Dispose();
        context.Dispose();
    }
}
