using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Modules;

/// <summary>What the <see cref="PointerGenerator"/> reads. The tensors are borrowed, not owned.</summary>
/// <param name="DecoderStates">Decoder output states <c>[B, L, h]</c>.</param>
/// <param name="DecoderInputs">The embedded decoder inputs <c>[B, L, h]</c> (the x_t of p_gen).</param>
/// <param name="Context">The encoded source <c>[B, S, h]</c>.</param>
/// <param name="SourceMask">Boolean <c>[B, S]</c>, true at real source tokens.</param>
/// <param name="SourceExtendedIds">Each source token's id in the extended vocabulary <c>[B, S]</c>, int64.</param>
/// <param name="ExtendedVocabularySize">V_ext: the output vocabulary plus the most source-only tokens of any row.</param>
public sealed record PointerGeneratorInput(Tensor DecoderStates, Tensor DecoderInputs, Tensor Context, Tensor SourceMask, Tensor SourceExtendedIds, long ExtendedVocabularySize);
