using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Blocks;

/// <summary>
/// A BERT post-LayerNorm transformer block: self-attention, optional cross-attention to a context, feed-forward with GELU.
/// State keys: <c>attention.*</c>, <c>crossattention.*</c> (only with cross-attention), <c>intermediate.dense.*</c>,
/// <c>output.dense.*</c>, <c>output.LayerNorm.*</c> — the layout of HuggingFace's <c>BertLayer</c>.
/// </summary>
public sealed class BertBlock : nn.Module
{
    private readonly BertAttention attention;
    private readonly BertAttention? crossattention;
    private readonly BertIntermediate intermediate;
    private readonly BertResidualOutput output;

    /// <summary>Creates the block.</summary>
    /// <param name="hiddenSize">Width h.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="intermediateSize">Feed-forward width.</param>
    /// <param name="hasCrossAttention">Whether the block attends to a context after self-attention.</param>
    /// <param name="dropoutProbability">Hidden dropout.</param>
    /// <param name="attentionDropout">Attention-probability dropout.</param>
    /// <param name="layerNormEps">LayerNorm epsilon.</param>
    public BertBlock(
        int hiddenSize,
        int heads,
        int intermediateSize,
        bool hasCrossAttention,
        double dropoutProbability,
        double attentionDropout,
        double layerNormEps)
        : base(nameof(BertBlock))
    {
        attention = new BertAttention(hiddenSize, heads, dropoutProbability, attentionDropout, layerNormEps);
        if (hasCrossAttention)
        {
            crossattention = new BertAttention(hiddenSize, heads, dropoutProbability, attentionDropout, layerNormEps);
        }

        intermediate = new BertIntermediate(hiddenSize, intermediateSize);
        output = new BertResidualOutput(intermediateSize, hiddenSize, dropoutProbability, layerNormEps);
        RegisterComponents();
    }

    /// <summary>Whether the block has a cross-attention sub-layer.</summary>
    public bool HasCrossAttention => crossattention is not null;

    /// <summary>Runs the block.</summary>
    /// <param name="hidden">Hidden states <c>[B, L, h]</c>.</param>
    /// <param name="selfAttentionMask">Boolean mask broadcastable to <c>[B, heads, L, L]</c> (true = attend), or null.</param>
    /// <param name="context">Encoded condition <c>[B, S, h]</c>; required iff the block has cross-attention.</param>
    /// <param name="contextAttentionMask">Boolean mask broadcastable to <c>[B, heads, L, S]</c>, or null.</param>
    /// <returns>New hidden states <c>[B, L, h]</c>.</returns>
    /// <exception cref="ArgumentException">A context is given without cross-attention or missing with it.</exception>
    public Tensor forward(Tensor hidden, Tensor? selfAttentionMask, Tensor? context = null, Tensor? contextAttentionMask = null)
    {
        using var scope = NewDisposeScope();
        Tensor attended = attention.forward(hidden, hidden, selfAttentionMask);
        if (crossattention is not null)
        {
            if (context is null)
            {
                throw new ArgumentException("This block has cross-attention and needs a context [B, S, h].", nameof(context));
            }

            attended = crossattention.forward(attended, context, contextAttentionMask);
        }
        else if (context is not null)
        {
            throw new ArgumentException("This block has no cross-attention; the context must be null.", nameof(context));
        }

        using var expanded = intermediate.forward(attended);
        return output.forward(expanded, attended).MoveToOuterDisposeScope();
    }
}
