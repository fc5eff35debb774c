using Smoothie.Models.Blocks;
using Smoothie.Models.Configuration;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Models.Denoising;

/// <summary>
/// The UNet-style transformer stack of SPEC §3 (state prefix <c>encoder.</c> in the denoiser): L/2 <c>input_blocks</c>
/// and L/2 <c>output_blocks</c>, one <c>time_layers.{i}</c> Linear(h, h) per layer, and with self-conditioning one
/// <c>self_cond_layers.{i}</c> Linear(h, h) per layer. Before input block i: push x, then
/// <c>x += time_layers[i](emb_t) (+ self_cond_layers[i](s))</c>. Before output block j:
/// <c>x += pop() + time_layers[L/2 + j](emb_t) (+ self_cond_layers[L/2 + j](s))</c>.
/// </summary>
internal sealed class UNetTransformerStack : nn.Module
{
    private readonly ModuleList<BertBlock> input_blocks;
    private readonly ModuleList<BertBlock> output_blocks;
    private readonly ModuleList<Linear> time_layers;
    private readonly ModuleList<Linear>? self_cond_layers;

    /// <summary>Creates the stack; blocks get cross-attention iff <see cref="DenoiserConfig.Conditioning"/> is cross-attention.</summary>
    /// <param name="config">A validated configuration.</param>
    public UNetTransformerStack(DenoiserConfig config)
        : base(nameof(UNetTransformerStack))
    {
        ArgumentNullException.ThrowIfNull(config);
        int half = config.DenoiserLayers / 2;
        bool cross = config.Conditioning == ConditioningMode.CrossAttention;
        input_blocks = nn.ModuleList(Enumerable.Range(0, half).Select(_ => NewBlock(config, cross)).ToArray());
        output_blocks = nn.ModuleList(Enumerable.Range(0, half).Select(_ => NewBlock(config, cross)).ToArray());
        time_layers = nn.ModuleList(Enumerable.Range(0, config.DenoiserLayers)
            .Select(_ => nn.Linear(config.HiddenSize, config.HiddenSize)).ToArray());
        if (config.UseSelfConditioning)
        {
            self_cond_layers = nn.ModuleList(Enumerable.Range(0, config.DenoiserLayers)
                .Select(_ => nn.Linear(config.HiddenSize, config.HiddenSize)).ToArray());
        }

        RegisterComponents();
    }

    /// <summary>Runs the stack.</summary>
    /// <param name="hidden">Hidden states <c>[B, N, h]</c> (N = L, or S + L with concatenation conditioning).</param>
    /// <param name="timeEmbedding">Time embedding <c>[B, h]</c> (added to every position).</param>
    /// <param name="selfAttentionMask">Boolean mask broadcastable to <c>[B, heads, N, N]</c>, or null.</param>
    /// <param name="context">Encoded condition <c>[B, S, h]</c> for cross-attention, or null.</param>
    /// <param name="contextMask">Boolean mask broadcastable to <c>[B, heads, N, S]</c>, or null.</param>
    /// <param name="selfCondition">Encoded previous prediction <c>[B, N, h]</c>; required iff the stack has self-conditioning layers.</param>
    /// <param name="timedPrefixLength">
    /// When set, the time terms are added to the first this-many positions only (the authors' concatenation conditioning
    /// leaves the source part of the joined sequence without time); null adds them everywhere.
    /// </param>
    /// <returns><c>[B, N, h]</c>.</returns>
    public Tensor forward(Tensor hidden, Tensor timeEmbedding, Tensor? selfAttentionMask, Tensor? context, Tensor? contextMask, Tensor? selfCondition, long? timedPrefixLength = null)
    {
        if ((self_cond_layers is null) != (selfCondition is null))
        {
            throw new ArgumentException(
                self_cond_layers is null
                    ? "This stack has no self-conditioning layers; the self-condition must be null."
                    : "This stack has self-conditioning layers and needs the encoded self-condition [B, N, h].",
                nameof(selfCondition));
        }

        using var scope = NewDisposeScope();
        Tensor time = timeEmbedding.unsqueeze(1);
        Tensor? timedPositions = timedPrefixLength is { } prefix
            ? arange(hidden.shape[1], dtype: ScalarType.Int64, device: hidden.device).lt(prefix).to_type(hidden.dtype).view(1, -1, 1)
            : null;
        var skips = new Stack<Tensor>();
        Tensor x = hidden;
        for (int i = 0; i < input_blocks.Count; i++)
        {
            skips.Push(x);
            x = AddConditioning(i, x, time, timedPositions, selfCondition);
            x = input_blocks[i].forward(x, selfAttentionMask, context, contextMask);
        }

        for (int j = 0; j < output_blocks.Count; j++)
        {
            x = AddConditioning(input_blocks.Count + j, x + skips.Pop(), time, timedPositions, selfCondition);
            x = output_blocks[j].forward(x, selfAttentionMask, context, contextMask);
        }

        return x.MoveToOuterDisposeScope();
    }

    /// <summary><c>x + time_layers[layer](emb_t)</c>, then <c>+ self_cond_layers[layer](s)</c> — in the reference's order of additions.</summary>
    private Tensor AddConditioning(int layer, Tensor x, Tensor time, Tensor? timedPositions, Tensor? selfCondition)
    {
        Tensor term = time_layers[layer].forward(time);
        if (timedPositions is not null)
        {
            term = term * timedPositions;
        }

        x = x + term;
        if (self_cond_layers is not null && selfCondition is not null)
        {
            x = x + self_cond_layers[layer].forward(selfCondition);
        }

        return x;
    }

    private static BertBlock NewBlock(DenoiserConfig config, bool cross) => new(
        config.HiddenSize,
        config.AttentionHeads,
        config.EffectiveIntermediateSize,
        cross,
        config.Dropout,
        config.AttentionDropout,
        config.LayerNormEps);
}
