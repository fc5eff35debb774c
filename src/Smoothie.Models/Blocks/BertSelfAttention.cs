using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Models.Blocks;

/// <summary>
/// Multi-head scaled dot-product attention with BERT's parameter names (<c>query</c>, <c>key</c>, <c>value</c>), computed
/// by <c>torch.nn.functional.scaled_dot_product_attention</c>. Serves self-attention (context = hidden states) and
/// cross-attention (context = encoded source).
/// </summary>
internal sealed class BertSelfAttention : nn.Module
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly int heads;
    private readonly double attentionDropout;

    /// <summary>Creates the projections.</summary>
    /// <param name="hiddenSize">Width h of queries, keys, values and of the context.</param>
    /// <param name="heads">Number of heads; must divide <paramref name="hiddenSize"/>.</param>
    /// <param name="attentionDropout">Dropout on attention probabilities during training.</param>
    public BertSelfAttention(int hiddenSize, int heads, double attentionDropout)
        : base(nameof(BertSelfAttention))
    {
        if (heads <= 0 || hiddenSize % heads != 0)
        {
            throw new ArgumentException($"The hidden size {hiddenSize} must be divisible by the positive head count {heads}.", nameof(heads));
        }

        this.heads = heads;
        this.attentionDropout = attentionDropout;
        query = nn.Linear(hiddenSize, hiddenSize);
        key = nn.Linear(hiddenSize, hiddenSize);
        value = nn.Linear(hiddenSize, hiddenSize);
        RegisterComponents();
    }

    /// <summary>Attends from <paramref name="hidden"/> to <paramref name="context"/>.</summary>
    /// <param name="hidden">Queries' source, <c>[B, L, h]</c>.</param>
    /// <param name="context">Keys' and values' source, <c>[B, S, h]</c> (pass <paramref name="hidden"/> for self-attention).</param>
    /// <param name="attentionMask">Boolean mask broadcastable to <c>[B, heads, L, S]</c> (true = attend), or null.</param>
    /// <returns>The attended values <c>[B, L, h]</c>, heads merged.</returns>
    public Tensor forward(Tensor hidden, Tensor context, Tensor? attentionMask)
    {
        long batch = hidden.shape[0];
        long length = hidden.shape[1];
        long width = hidden.shape[2];
        long headWidth = width / heads;

        using var q = SplitHeads(query.forward(hidden), headWidth);
        using var k = SplitHeads(key.forward(context), headWidth);
        using var v = SplitHeads(value.forward(context), headWidth);
        double p = training ? attentionDropout : 0.0;
        using var attended = nn.functional.scaled_dot_product_attention(q, k, v, attentionMask, p);
        return attended.transpose(1, 2).reshape(batch, length, width);
    }

    private Tensor SplitHeads(Tensor projected, long headWidth)
    {
        using (projected)
        {
            return projected.view(projected.shape[0], projected.shape[1], heads, headWidth).transpose(1, 2);
        }
    }
}
