using static TorchSharp.torch;

namespace Smoothie.Models.Denoising;

/// <summary>
/// The sinusoidal embedding of a continuous time t (SPEC §3): for k &lt; half = dim/2,
/// <c>freq_k = exp(−ln(maxPeriod)·k/half)</c>, output <c>[cos(s·t·freq), sin(s·t·freq)]</c> (cos half first), with a
/// zero column appended when dim is odd.
/// </summary>
internal static class SinusoidalTimeEmbedding
{
    /// <summary>Embeds a batch of times.</summary>
    /// <param name="t">Times <c>[B]</c>, floating point.</param>
    /// <param name="dimension">Output width.</param>
    /// <param name="maxPeriod">Maximum period (10000 in the paper).</param>
    /// <param name="scale">Factor s applied to t first.</param>
    /// <returns><c>[B, dimension]</c> in float32 on t's device.</returns>
    /// <exception cref="ArgumentException">t is not 1-D floating point, or the dimension is below 2.</exception>
    public static Tensor Embed(Tensor t, int dimension, double maxPeriod = 10_000, double scale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.dim() != 1 || !t.is_floating_point())
        {
            throw new ArgumentException($"Times must be a floating-point [B] tensor, got {t.dtype} [{string.Join(", ", t.shape)}].", nameof(t));
        }

        if (dimension < 2)
        {
            throw new ArgumentException($"The embedding dimension must be at least 2, got {dimension}.", nameof(dimension));
        }

        using var scope = NewDisposeScope();
        int half = dimension / 2;
        // (−ln P · k) / half, in this order and in float32, as the reference computes it (bit-identical frequencies).
        Tensor freqs = exp(arange(0, half, dtype: ScalarType.Float32, device: t.device).mul(-Math.Log(maxPeriod)).div(half));
        Tensor args = (t.to_type(ScalarType.Float32) * scale).unsqueeze(1) * freqs.unsqueeze(0);
        Tensor embedding = cat([cos(args), sin(args)], dim: -1);
        if (dimension % 2 == 1)
        {
            embedding = cat([embedding, zeros(t.shape[0], 1, dtype: ScalarType.Float32, device: t.device)], dim: -1);
        }

        return embedding.MoveToOuterDisposeScope();
    }
}
