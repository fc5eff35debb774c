using Smoothie.Embeddings;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// The O(V) operations between per-position vectors and the vocabulary, each computed with one GEMM per chunk of rows
/// (never a <c>[rows, V, d]</c> broadcast) and in bounded extra memory (<see cref="LatentChunking"/>).
/// Inputs have shape <c>[..., d]</c> or <c>[..., V]</c>; leading dimensions are flattened to rows and restored.
/// Without gradients the chunks are written in place into the preallocated result; with gradients (trainable E or
/// an input requiring grad) the chunk results are concatenated so autograd sees ordinary ops.
/// </summary>
internal static partial class VocabularyOps
{
    private const int Float32Bytes = 4;

    /// <summary>The input as contiguous float rows <c>[n, last]</c> in E's dtype.</summary>
    private static Tensor Rows(Tensor x, EmbeddingMatrix embeddings)
    {
        Tensor typed = x.dtype == embeddings.Weights.dtype ? x : x.to(embeddings.Weights.dtype);
        return typed.reshape(-1, x.shape[^1]);
    }
}
