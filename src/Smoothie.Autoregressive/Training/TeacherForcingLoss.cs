using Smoothie.Autoregressive.Modules;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Training;

/// <summary>
/// Cross-entropy under teacher forcing: the mean over non-padding target tokens of −log P(token), with P the
/// pointer-generator's mixture of writing and copying (a token both in the output vocabulary and in the source gets the
/// mass of both).
/// </summary>
internal static class TeacherForcingLoss
{
    /// <summary>The smallest probability the log reads (a token nothing points at, e.g. an unknown one, costs ≈ 27.6).</summary>
    public const double ProbabilityFloor = 1e-12;

    /// <summary>The loss of one batch (a scalar with a graph when gradients are on).</summary>
    public static Tensor Compute(PointerGeneratorTransformer network, PointerBatch batch, Tensor embeddingMatrix)
    {
        using var scope = NewDisposeScope();
        Tensor probabilities = network.forward(batch.Input(embeddingMatrix));
        Tensor real = batch.Labels.ge(0);
        Tensor picked = probabilities.gather(2, batch.Labels.clamp_min(0).unsqueeze(-1)).squeeze(-1);
        Tensor tokens = real.sum().clamp_min(1).to_type(picked.dtype);
        Tensor loss = picked.clamp_min(ProbabilityFloor).log().neg().mul(real).sum().div(tokens);
        return loss.MoveToOuterDisposeScope();
    }
}
