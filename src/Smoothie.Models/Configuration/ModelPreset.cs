namespace Smoothie.Models.Configuration;

/// <summary>
/// Named denoiser sizes. Each is a plain <see cref="DenoiserConfig"/>: override any field with a with-expression,
/// e.g. <c>ModelPreset.Small with { EmbeddingSize = 384 }</c>. Parameter counts are in docs/model.md.
/// </summary>
public static class ModelPreset
{
    /// <summary>
    /// The paper configuration (SPEC §3): h = d = 768, 12 heads, 12 denoiser layers (6 input + 6 output), FFN 3072,
    /// a 6-block condition encoder, cross-attention conditioning, target ≤ 64 and source ≤ 512 tokens.
    /// </summary>
    public static DenoiserConfig Paper { get; } = new()
    {
        HiddenSize = 768,
        AttentionHeads = 12,
        DenoiserLayers = 12,
        IntermediateSize = 3072,
        ConditionEncoderLayers = 6,
        MaxTargetLength = 64,
        MaxSourceLength = 512,
    };

    /// <summary>A mid-size model: h = 512, 8 heads, 6 denoiser layers (3 + 3), FFN 2048, 3 condition blocks, source ≤ 256.</summary>
    public static DenoiserConfig Small { get; } = new()
    {
        HiddenSize = 512,
        AttentionHeads = 8,
        DenoiserLayers = 6,
        IntermediateSize = 2048,
        ConditionEncoderLayers = 3,
        MaxTargetLength = 64,
        MaxSourceLength = 256,
    };

    /// <summary>
    /// A CPU-sized model: h = 128, 4 heads, 4 denoiser layers (2 + 2), FFN 512, 2 condition blocks, target ≤ 64 and
    /// source ≤ 128 tokens (≈ 1.6M parameters). A training step of batch 64 × 48 target + 48 source tokens is ≈ 28 GFLOP
    /// (forward + backward), ≈ 0.3 s at the 90–114 GFLOP/s of 2 CPU cores; h = 256 would be ≈ 110 GFLOP, ≈ 1.1 s.
    /// </summary>
    public static DenoiserConfig Tiny { get; } = new()
    {
        HiddenSize = 128,
        AttentionHeads = 4,
        DenoiserLayers = 4,
        IntermediateSize = 512,
        ConditionEncoderLayers = 2,
        MaxTargetLength = 64,
        MaxSourceLength = 128,
    };

    /// <summary>
    /// A MiniLM-shaped model (h = d = 384, 12 heads, FFN 1536): every block is shape-compatible with an all-MiniLM-L6-v2
    /// layer, and the condition encoder has MiniLM's 6 layers and 512 positions, so both can be initialised from it.
    /// 6 denoiser layers (3 + 3).
    /// </summary>
    public static DenoiserConfig SmallPretrained { get; } = new()
    {
        HiddenSize = 384,
        AttentionHeads = 12,
        DenoiserLayers = 6,
        IntermediateSize = 1536,
        ConditionEncoderLayers = 6,
        MaxTargetLength = 64,
        MaxSourceLength = 512,
        LayerNormEps = 1e-12,
    };
}
