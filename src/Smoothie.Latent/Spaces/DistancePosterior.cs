using Smoothie.Embeddings;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>
/// The token posterior of a noisy distance latent, x_t = μ·D0(w) + std·ε with D0(w) = D_σ(E_w) and ε ~ N(0, I_V):
/// log p(v | x_t) = (μ·x_tᵀD0(v) − μ²‖D0(v)‖²/2) / std² + const, with a uniform prior over v. Because
/// D0(v)_u = (2E_v·E_u − ‖E_v‖² − ‖E_u‖²)/(2σ²), the inner products are x_tᵀD0(v) = (2(x_t·E)·E_v − ‖E_v‖²·Σ_u x_t,u − c)/(2σ²)
/// with c the same for every v: two GEMMs of O(V·d) per position, no V×V work (except the one-off ‖D0(v)‖²).
/// </summary>
public static class DistancePosterior
{
    /// <summary>The posterior mean embedding p(· | x_t)·E <c>[…, d]</c>.</summary>
    /// <param name="noisyLatent">x_t <c>[B, L, V]</c>.</param>
    /// <param name="mu">μ_t per sequence <c>[B]</c>.</param>
    /// <param name="std">std_t per sequence <c>[B]</c> (clamped at 1e-6).</param>
    /// <param name="embeddings">E (normalised) over the space's vocabulary.</param>
    /// <param name="sigma">σ_min of the clean latents.</param>
    /// <param name="cleanSquaredNorms">‖D0(v)‖² for every v <c>[V]</c> (<see cref="CleanSquaredNorms"/>).</param>
    public static Tensor Mix(Tensor noisyLatent, Tensor mu, Tensor std, EmbeddingMatrix embeddings, double sigma, Tensor cleanSquaredNorms)
    {
        using var scope = NewDisposeScope();
        return Probabilities(noisyLatent, mu, std, embeddings, sigma, cleanSquaredNorms).matmul(embeddings.Weights).MoveToOuterDisposeScope();
    }

    /// <summary>The token posterior p(v | x_t) <c>[B, L, V]</c>.</summary>
    /// <param name="noisyLatent">x_t <c>[B, L, V]</c>.</param>
    /// <param name="mu">μ_t per sequence <c>[B]</c>.</param>
    /// <param name="std">std_t per sequence <c>[B]</c> (clamped at 1e-6).</param>
    /// <param name="embeddings">E (normalised) over the space's vocabulary.</param>
    /// <param name="sigma">σ_min of the clean latents.</param>
    /// <param name="cleanSquaredNorms">‖D0(v)‖² for every v <c>[V]</c>.</param>
    public static Tensor Probabilities(Tensor noisyLatent, Tensor mu, Tensor std, EmbeddingMatrix embeddings, double sigma, Tensor cleanSquaredNorms)
    {
        ArgumentNullException.ThrowIfNull(noisyLatent);
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(std);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(cleanSquaredNorms);
        if (noisyLatent.dim() != 3 || mu.dim() != 1 || std.dim() != 1 || mu.shape[0] != noisyLatent.shape[0] || std.shape[0] != noisyLatent.shape[0])
        {
            throw new ArgumentException($"Expected x_t [B, L, V] with μ and std of shape [B]; got [{string.Join(", ", noisyLatent.shape)}], [{string.Join(", ", mu.shape)}], [{string.Join(", ", std.shape)}].", nameof(noisyLatent));
        }

        using var scope = NewDisposeScope();
        Tensor e = embeddings.Weights.to_type(noisyLatent.dtype);
        Tensor m = mu.to_type(noisyLatent.dtype).view(-1, 1, 1);
        Tensor variance = std.to_type(noisyLatent.dtype).clamp_min(1e-6).square().view(-1, 1, 1);
        Tensor projected = noisyLatent.matmul(e);                                      // x_t·E        [B, L, d]
        Tensor total = noisyLatent.sum(-1, keepdim: true);                             // Σ_u x_t,u    [B, L, 1]
        Tensor inner = projected.matmul(e.t()).mul_(2)
            .sub_(total * embeddings.SquaredNorms.to_type(noisyLatent.dtype))
            .div_(2 * sigma * sigma);                                                  // x_tᵀD0(v) + c/(2σ²)
        Tensor logits = inner.mul_(m).sub_(cleanSquaredNorms.to_type(noisyLatent.dtype) * (m * m / 2)).div_(variance);
        return logits.softmax(-1).MoveToOuterDisposeScope();
    }

    /// <summary>‖D0(v)‖² = Σ_u (‖E_v − E_u‖²/(2σ²))² for every token v, computed in row blocks of <paramref name="blockRows"/>.</summary>
    /// <param name="embeddings">E.</param>
    /// <param name="sigma">σ_min.</param>
    /// <param name="blockRows">Rows per block (bounds the [rows, V] scratch).</param>
    public static Tensor CleanSquaredNorms(EmbeddingMatrix embeddings, double sigma, long blockRows = 1024)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        long v = embeddings.VocabularySize;
        Tensor result = empty(v, dtype: embeddings.Weights.dtype, device: embeddings.Device);
        using var noGrad = no_grad();
        for (long first = 0; first < v; first += blockRows)
        {
            using var scope = NewDisposeScope();
            long rows = Math.Min(blockRows, v - first);
            Tensor block = VocabularyOps.ScaledNegativeSquaredDistances(embeddings.Weights.narrow(0, first, rows), embeddings, sigma);
            result.narrow(0, first, rows).copy_(block.square().sum(-1));
        }

        return result;
    }
}
