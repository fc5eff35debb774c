using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Models.Blocks;

/// <summary>
/// BERT's post-LayerNorm residual sub-layer: <c>LayerNorm(dropout(dense(x)) + residual)</c>. Used after attention
/// (<c>attention.output</c>, dense h→h) and after the feed-forward layer (<c>output</c>, dense 4h→h).
/// </summary>
internal sealed class BertResidualOutput : nn.Module
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly UniformDropout dropout;

    /// <summary>Creates the sub-layer.</summary>
    /// <param name="inputSize">Width of the sub-layer input (h after attention, the FFN width after the feed-forward layer).</param>
    /// <param name="hiddenSize">Width h of the residual stream.</param>
    /// <param name="dropoutProbability">Hidden dropout.</param>
    /// <param name="layerNormEps">LayerNorm epsilon.</param>
    public BertResidualOutput(int inputSize, int hiddenSize, double dropoutProbability, double layerNormEps)
        : base(nameof(BertResidualOutput))
    {
        dense = nn.Linear(inputSize, hiddenSize);
        LayerNorm = nn.LayerNorm(hiddenSize, layerNormEps);
        dropout = new UniformDropout(dropoutProbability);
        RegisterComponents();
    }

    /// <summary>Applies the sub-layer.</summary>
    /// <param name="input">Sub-layer input <c>[B, L, inputSize]</c>.</param>
    /// <param name="residual">Residual stream <c>[B, L, h]</c>.</param>
    /// <returns>The normalised sum <c>[B, L, h]</c>.</returns>
    public Tensor forward(Tensor input, Tensor residual)
    {
        using var projected = dense.forward(input);
        using var dropped = dropout.forward(projected);
        using var sum = dropped.add(residual);
        return LayerNorm.forward(sum);
    }
}
