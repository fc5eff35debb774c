namespace Smoothie.Models.Configuration;

/// <summary>How the denoiser sees the source sequence of a sequence-to-sequence task.</summary>
public enum ConditioningMode
{
    /// <summary>Unconditional generation: no condition encoder, no cross-attention; the source must be absent.</summary>
    None,

    /// <summary>
    /// Reference default: the encoded source provides keys and values of a cross-attention sub-layer
    /// (<c>crossattention.*</c>) in every denoiser block.
    /// </summary>
    CrossAttention,

    /// <summary>
    /// The encoded source is concatenated in front of the noisy target and both are processed by self-attention only
    /// (no cross-attention parameters); the output keeps the target positions.
    /// </summary>
    Concatenation,
}
