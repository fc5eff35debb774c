using Smoothie.Autoregressive.Modules;
using Smoothie.Autoregressive.Vocabulary;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Training;

/// <summary>
/// One teacher-forcing batch on the training device: the sources with their extended ids, the decoder input (the
/// target row without its last id) and the labels (the target row without its start token, in the ids the pointer
/// distribution scores them as; −1 at padding, which the loss skips). Disposing it frees its tensors.
/// </summary>
internal sealed class PointerBatch : IDisposable
{
    private PointerBatch(Tensor sourceIds, Tensor sourceMask, Tensor sourceExtendedIds, long extendedSize, Tensor decoderInputIds, Tensor labels)
    {
        SourceIds = sourceIds;
        SourceMask = sourceMask;
        SourceExtendedIds = sourceExtendedIds;
        ExtendedVocabularySize = extendedSize;
        DecoderInputIds = decoderInputIds;
        Labels = labels;
    }

    public Tensor SourceIds { get; }

    public Tensor SourceMask { get; }

    public Tensor SourceExtendedIds { get; }

    public long ExtendedVocabularySize { get; }

    public Tensor DecoderInputIds { get; }

    /// <summary>Labels <c>[B, L − 1]</c>: extended ids, −1 at padding.</summary>
    public Tensor Labels { get; }

    /// <summary>Builds the batch of framed source and target rows (codec ids).</summary>
    /// <param name="sources">Source rows of equal length.</param>
    /// <param name="targets">Target rows of equal length ≥ 2 (start token, content, end token, padding).</param>
    /// <param name="vocabulary">The pointer vocabulary.</param>
    /// <param name="device">Where the tensors go.</param>
    public static PointerBatch FromRows(IReadOnlyList<long[]> sources, IReadOnlyList<long[]> targets, PointerVocabulary vocabulary, Device device)
    {
        int batch = sources.Count;
        int sourceLength = sources[0].Length;
        int steps = targets[0].Length - 1;
        long padId = vocabulary.Codec.PadId;
        var sourceIds = new long[batch * sourceLength];
        var extendedIds = new long[batch * sourceLength];
        var inputs = new long[batch * steps];
        var labels = new long[batch * steps];
        long extendedSize = vocabulary.Size;
        for (int b = 0; b < batch; b++)
        {
            SourceExtension extension = vocabulary.Extend(sources[b]);
            extendedSize = Math.Max(extendedSize, vocabulary.Size + extension.SourceOnlyCodecIds.Count);
            sources[b].CopyTo(sourceIds, b * sourceLength);
            extension.ExtendedIdArray().CopyTo(extendedIds, b * sourceLength);
            for (int j = 0; j < steps; j++)
            {
                inputs[(b * steps) + j] = targets[b][j];
                long next = targets[b][j + 1];
                labels[(b * steps) + j] = next == padId ? -1 : vocabulary.TargetIdOf(checked((int)next), extension);
            }
        }

        Tensor source = tensor(sourceIds, [batch, sourceLength], device: device);
        return new PointerBatch(
            source,
            source.ne(padId),
            tensor(extendedIds, [batch, sourceLength], device: device),
            extendedSize,
            tensor(inputs, [batch, steps], device: device),
            tensor(labels, [batch, steps], device: device));
    }

    /// <summary>The network input of this batch over <paramref name="embeddingMatrix"/>.</summary>
    public PointerInput Input(Tensor embeddingMatrix) =>
        new(SourceIds, SourceMask, SourceExtendedIds, ExtendedVocabularySize, DecoderInputIds, embeddingMatrix);

    public void Dispose()
    {
        SourceIds.Dispose();
        SourceMask.Dispose();
        SourceExtendedIds.Dispose();
        DecoderInputIds.Dispose();
        Labels.Dispose();
    }
}
