using Smoothie.Models.Configuration;

namespace Smoothie.Benchmarks;

/// <summary>
/// Analytic floating-point operation counts (one multiply-add = 2 FLOPs; only the matrix products are counted,
/// element-wise work such as softmax, noise or LayerNorm is not). The formulas are listed in docs/performance.md.
/// </summary>
internal static class FlopCounts
{
    /// <summary>A GEMM <c>[m,k]·[k,n]</c>: 2·m·n·k.</summary>
    public static double Gemm(double m, double n, double k) => 2 * m * n * k;

    /// <summary>Distance latent, softmax(x)·E or a nearest-token decode over N rows: 2·N·V·d.</summary>
    public static double VocabularyGemm(double rows, double vocabulary, double dimension = Workloads.Dimension) => 2 * rows * vocabulary * dimension;

    /// <summary>
    /// One denoiser forward pass over B sequences of <paramref name="targetLength"/> tokens conditioned on
    /// <paramref name="sourceLength"/> source tokens: every Linear (2·tokens·in·out) plus the attention products
    /// (2·2·B·Lq·Lk·h per attention). Backward ≈ 2× forward.
    /// </summary>
    public static double DenoiserForward(DenoiserConfig c, double batch, double targetLength, double sourceLength)
    {
        double h = c.HiddenSize, i = c.EffectiveIntermediateSize, d = c.EffectiveEmbeddingSize;
        double nt = batch * targetLength, ns = batch * sourceLength;
        double perTargetBlock = nt * 2 * ((4 * h * h) + (2 * h * i)) + (4 * batch * targetLength * targetLength * h);
        double cross = c.IsConditional ? (nt * 2 * 2 * h * h) + (ns * 2 * 2 * h * h) + (4 * batch * targetLength * sourceLength * h) : 0;
        double denoiser = c.DenoiserLayers * (perTargetBlock + cross + (nt * 2 * h * h)); // + time_layers broadcast add (h×h per sequence, negligible) and per-layer Linear
        double condition = c.IsConditional
            ? c.ConditionEncoderLayers * ((ns * 2 * ((4 * h * h) + (2 * h * i))) + (4 * batch * sourceLength * sourceLength * h))
            : 0;
        double projections = c.HasProjections ? 2 * nt * 2 * d * h + (c.IsConditional ? ns * 2 * d * h : 0) : 0;
        return denoiser + condition + projections;
    }

    /// <summary>Forward + backward: 3× the forward count.</summary>
    public static double DenoiserForwardBackward(DenoiserConfig c, double batch, double targetLength, double sourceLength) =>
        3 * DenoiserForward(c, batch, targetLength, sourceLength);

    /// <summary>One distance-space training step: clean latent (2·N·V·d) + softmax(x_t)·E (2·N·V·d) + model forward/backward.</summary>
    public static double TrainingStep(DenoiserConfig c, double batch, double length, double vocabulary) =>
        (2 * VocabularyGemm(batch * length, vocabulary)) + DenoiserForwardBackward(c, batch, length, length);

    /// <summary>
    /// The FLOPs one distance-space training step of this library performs: the clean latents of the
    /// <paramref name="distinct"/> distinct target tokens only (2·U·V·d), softmax(x_t)·E (2·N·V·d) and the model.
    /// <see cref="TrainingStep"/> counts the clean latent of every position (2·N·V·d), as the authors' trainer computes it.
    /// </summary>
    public static double TrainingStepPerformed(DenoiserConfig c, double batch, double length, double vocabulary, double distinct) =>
        VocabularyGemm(distinct, vocabulary) + VocabularyGemm(batch * length, vocabulary) + DenoiserForwardBackward(c, batch, length, length);

    /// <summary>
    /// One distance-space sampling step: softmax(x_t)·E (2·N·V·d) + model forward + x̂0 = D(ê) (2·N·V·d).
    /// </summary>
    public static double SamplingStep(DenoiserConfig c, double batch, double length, double vocabulary) =>
        (2 * VocabularyGemm(batch * length, vocabulary)) + DenoiserForward(c, batch, length, length);

    /// <summary>A whole generation: steps × sampling step + one decode (2·N·V·d).</summary>
    public static double Generation(DenoiserConfig c, double batch, double length, double vocabulary, double steps) =>
        (steps * SamplingStep(c, batch, length, vocabulary)) + VocabularyGemm(batch * length, vocabulary);
}
