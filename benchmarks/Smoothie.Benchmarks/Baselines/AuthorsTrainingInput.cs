using Smoothie.Embeddings;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks.Baselines;

/// <summary>
/// The denoiser input of one training step as the authors' trainer computes it (github:ashaba1in/smoothie,
/// <c>diffusion_holder.py</c> training loss, <c>utils/util.py</c> <c>convert_to_simplex</c>, <c>diffusion_utils/dynamic.py</c>
/// <c>marginal</c>), op for op in TorchSharp: the clean distance latent of every target position
/// <c>−(‖x‖² − 2x·Eᵀ + ‖E‖²)/(2σ²)</c>, then <c>x_t = x0·μ + ε·std</c> and <c>score = −ε/std</c> (their marginal returns it),
/// then <c>softmax(x_t)·E</c>. Every intermediate is a materialised <c>[B·L, V]</c> tensor; each is released when the
/// Python code would drop its last reference, so the peak memory is theirs. For side-by-side time and memory only.
/// </summary>
internal static class AuthorsTrainingInput
{
    public static Tensor Compute(Tensor ids, EmbeddingMatrix embeddings, double sigmaMin, Tensor mu, Tensor std)
    {
        using var noGrad = no_grad();
        Tensor e = embeddings.Weights;
        long b = ids.shape[0], l = ids.shape[1], d = embeddings.Dimension;
        using Tensor clean = e.index_select(0, ids.reshape(-1)); // encoder(input_ids) = E[ids] [N, d]

        // convert_to_simplex: pairwise_dist = (x²).sum(-1)[:, None] − 2·x@Eᵀ + (E²).sum(-1)[None]; result = −dist/(2σ²).
        Tensor x0;
        using (Tensor xNorms = clean.square().sum(-1).unsqueeze(1))
        using (Tensor products = clean.matmul(e.t()))
        using (Tensor doubled = products.mul(2))
        using (Tensor difference = xNorms.sub(doubled))
        using (Tensor eNorms = e.square().sum(-1).unsqueeze(0))
        using (Tensor distances = difference.add(eNorms))
        using (Tensor negated = distances.neg())
        {
            x0 = negated.div(2 * sigmaMin * sigmaMin);
        }

        // marginal: noise = randn_like(x0); x_t = x0·μ + noise·std; score = −noise/std.
        using (x0)
        using (Tensor muRows = mu.repeat_interleave(l).view(-1, 1))
        using (Tensor stdRows = std.repeat_interleave(l).view(-1, 1))
        using (Tensor noise = randn_like(x0))
        {
            Tensor xt;
            using (Tensor signal = x0.mul(muRows))
            using (Tensor scaledNoise = noise.mul(stdRows))
            {
                xt = signal.add(scaledNoise);
            }

            using (xt)
            using (Tensor negatedNoise = noise.neg())
            using (Tensor score = negatedNoise.div(stdRows))
            using (Tensor probabilities = xt.softmax(-1))
            {
                return probabilities.matmul(e).view(b, l, d);
            }
        }
    }
}
