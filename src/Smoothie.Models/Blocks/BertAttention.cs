using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Blocks;

/// <summary>
/// BERT's attention sub-layer: <c>self</c> (query/key/value attention) followed by <c>output</c> (dense, dropout,
/// residual, LayerNorm). State keys: <c>self.{query,key,value}.*</c>, <c>output.dense.*</c>, <c>output.LayerNorm.*</c>.
/// </summary>
internal sealed class BertAttention : nn.Module
{
    private readonly BertSelfAttention self; // "self": the state key BERT uses

    private readonly BertResidualOutput output;

    /// <summary>Creates the sub-layer.</summary>
    /// <param name="hiddenSize">Width h.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="dropoutProbability">Hidden dropout.</param>
    /// <param name="attentionDropout">Attention-probability dropout.</param>
    /// <param name="layerNormEps">LayerNorm epsilon.</param>
    public BertAttention(int hiddenSize, int heads, double dropoutProbability, double attentionDropout, double layerNormEps)
        : base(nameof(BertAttention))
    {
        self = new BertSelfAttention(hiddenSize, heads, attentionDropout);
        output = new BertResidualOutput(hiddenSize, hiddenSize, dropoutProbability, layerNormEps);
        RegisterComponents();
    }

    /// <summary>Attends and applies the residual output layer.</summary>
    /// <param name="hidden">Residual stream and queries' source <c>[B, L, h]</c>.</param>
    /// <param name="context">Keys'/values' source <c>[B, S, h]</c>.</param>
    /// <param name="attentionMask">Boolean mask broadcastable to <c>[B, heads, L, S]</c>, or null.</param>
    /// <returns><c>[B, L, h]</c>.</returns>
    public Tensor forward(Tensor hidden, Tensor context, Tensor? attentionMask)
    {
        using var attended = self.forward(hidden, context, attentionMask);
        return output.forward(attended, hidden);
    }
}
