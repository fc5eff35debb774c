using Smoothie.Models.Blocks;
using Smoothie.Models.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Models.Encoders;

/// <summary>
/// Encodes the previous prediction x̂0 for self-conditioning (SPEC §3): projected to h when d ≠ h
/// (<c>input_projection</c>), plus the denoiser's target positions (passed in), then <c>blocks.{i}</c> — BERT blocks
/// without cross-attention over all target positions.
/// </summary>
internal sealed class SelfConditionEncoder : nn.Module
{
    private readonly Linear? input_projection;
    private readonly ModuleList<BertBlock> blocks;

    /// <summary>Creates the encoder (depth <see cref="DenoiserConfig.SelfConditionEncoderLayers"/>).</summary>
    /// <param name="config">A validated configuration.</param>
    public SelfConditionEncoder(DenoiserConfig config)
        : base(nameof(SelfConditionEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.HasProjections)
        {
            input_projection = nn.Linear(config.EffectiveEmbeddingSize, config.HiddenSize);
        }

        blocks = nn.ModuleList(Enumerable.Range(0, config.SelfConditionEncoderLayers)
            .Select(_ => new BertBlock(
                config.HiddenSize,
                config.AttentionHeads,
                config.EffectiveIntermediateSize,
                hasCrossAttention: false,
                config.Dropout,
                config.AttentionDropout,
                config.LayerNormEps))
            .ToArray());
        RegisterComponents();
    }

    /// <summary>Encodes the previous prediction.</summary>
    /// <param name="previousPrediction">x̂0 <c>[B, L, d]</c>.</param>
    /// <param name="positions">Target position embeddings <c>[1, L, h]</c>.</param>
    /// <returns><c>[B, L, h]</c>.</returns>
    public Tensor forward(Tensor previousPrediction, Tensor positions)
    {
        using var scope = NewDisposeScope();
        Tensor hidden = input_projection is null ? previousPrediction : input_projection.forward(previousPrediction);
        hidden = hidden + positions;
        foreach (BertBlock block in blocks)
        {
            hidden = block.forward(hidden, null);
        }

        return hidden.MoveToOuterDisposeScope();
    }
}
