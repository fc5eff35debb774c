using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Modules;

/// <summary>What the <see cref="PointerGeneratorTransformer"/> reads for one batch. The tensors are borrowed, not owned.</summary>
/// <param name="SourceIds">Source codec ids <c>[B, S]</c>, int64.</param>
/// <param name="SourceMask">Boolean <c>[B, S]</c>, true at real source tokens.</param>
/// <param name="SourceExtendedIds">Each source token's id in the extended vocabulary <c>[B, S]</c>, int64.</param>
/// <param name="ExtendedVocabularySize">V_ext: the output vocabulary plus the most source-only tokens of any row.</param>
/// <param name="DecoderInputIds">Decoder input codec ids <c>[B, L]</c>, int64: the start token and the target so far.</param>
/// <param name="EmbeddingMatrix">The frozen token embedding matrix E <c>[V, d]</c> over the codec's vocabulary.</param>
public sealed record PointerInput(Tensor SourceIds, Tensor SourceMask, Tensor SourceExtendedIds, long ExtendedVocabularySize, Tensor DecoderInputIds, Tensor EmbeddingMatrix);
