using Smoothie.Autoregressive.Configuration;
using Smoothie.Models.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Modules;

/// <summary>
/// The decoder stack: <c>blocks.{i}</c>, the diffusion denoiser's BERT post-LayerNorm blocks (self-attention,
/// cross-attention to the encoded source, feed-forward), with the self-attention made causal — position i attends to
/// positions ≤ i only — and the cross-attention to real source tokens only.
/// </summary>
public sealed class CausalDecoder : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly ModuleList<BertBlock> blocks;

    /// <summary>Creates the stack for <paramref name="config"/> (its decoder depth and widths).</summary>
    /// <param name="config">A validated configuration.</param>
    public CausalDecoder(AutoregressiveConfig config)
        : base(nameof(CausalDecoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        blocks = nn.ModuleList(Enumerable.Range(0, config.DecoderLayers)
            .Select(_ => new BertBlock(
                config.HiddenSize,
                config.AttentionHeads,
                config.EffectiveIntermediateSize,
                hasCrossAttention: true,
                config.Dropout,
                config.AttentionDropout,
                config.LayerNormEps))
            .ToArray());
        RegisterComponents();
    }

    /// <summary>Runs the stack.</summary>
    /// <param name="hidden">Embedded decoder input <c>[B, L, h]</c>.</param>
    /// <param name="context">Encoded source <c>[B, S, h]</c>.</param>
    /// <param name="sourceMask">Boolean <c>[B, S]</c>, true at real source tokens.</param>
    /// <returns>Decoder states <c>[B, L, h]</c>; state i depends on inputs 0..i only.</returns>
    public override Tensor forward(Tensor hidden, Tensor context, Tensor sourceMask)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sourceMask);
        using var scope = NewDisposeScope();
        long length = hidden.shape[1];
        Tensor causal = ones(length, length, dtype: ScalarType.Bool, device: hidden.device).tril();
        Tensor crossMask = sourceMask.unsqueeze(1).unsqueeze(1);
        foreach (BertBlock block in blocks)
        {
            hidden = block.forward(hidden, causal, context, crossMask);
        }

        return hidden.MoveToOuterDisposeScope();
    }
}
