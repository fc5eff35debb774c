using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Smoothie.Models.Blocks;

/// <summary>BERT's feed-forward expansion: <c>GELU(dense(x))</c>, dense h→FFN width. State keys: <c>dense.*</c>.</summary>
internal sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;

    /// <summary>Creates the layer.</summary>
    /// <param name="hiddenSize">Width h.</param>
    /// <param name="intermediateSize">Feed-forward width (4h in the paper).</param>
    public BertIntermediate(int hiddenSize, int intermediateSize)
        : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(hiddenSize, intermediateSize);
        RegisterComponents();
    }

    /// <summary>Expands and applies the exact (erf) GELU.</summary>
    /// <param name="input"><c>[B, L, h]</c>.</param>
    /// <returns><c>[B, L, FFN]</c>.</returns>
    public override Tensor forward(Tensor input)
    {
        using var projected = dense.forward(input);
        return nn.functional.gelu(projected);
    }
}
