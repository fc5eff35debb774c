using Smoothie.Latent.Spaces;
using static TorchSharp.torch;

namespace Smoothie.Training.Trainer;

/// <summary>
/// The token cross-entropy of an embedding prediction (<see cref="TrainingOptions.TokenLossWeight"/>): the logits are
/// the prediction's scaled negative squared distances to every embedding row, −‖x̂0 − E_j‖²/(2σ²), so putting the
/// prediction at the true token's embedding and away from every other row lowers it, while the average of several
/// plausible embeddings (which the MSE rewards) does not. σ is the distance space's σ_min — the width the authors turn a
/// predicted embedding into token scores with (their <c>convert_to_simplex(sigma_0 = sigma_min)</c>) and that
/// <see cref="DistanceLatentSpace.PredictionToLatent(TorchSharp.torch.Tensor)"/> uses — and 1 (in embedding units) for
/// the embedding space.
/// </summary>
internal static class TokenCrossEntropyTerm
{
    /// <summary>The cross-entropy at each position <c>[B, L]</c> of a prediction <c>[B, L, d]</c> against the true ids <c>[B, L]</c>.</summary>
    /// <param name="space">A latent space with an embedding (MSE) loss.</param>
    /// <param name="prediction">The network's embedding prediction.</param>
    /// <param name="ids">The true token ids.</param>
    /// <exception cref="InvalidOperationException">The latent space's loss is not the embedding MSE.</exception>
    public static Tensor PerPosition(ILatentSpace space, Tensor prediction, Tensor ids)
    {
        if (space is not LatentSpaceBase latent || space.LossKind != LatentLossKind.EmbeddingMse)
        {
            throw new InvalidOperationException(
                $"TrainingOptions.TokenLossWeight needs a latent space whose loss is the embedding MSE (distance or embedding); '{space.Name}' predicts {space.LossKind}.");
        }

        double sigma = space is DistanceLatentSpace distance ? distance.SigmaMin : 1.0;
        Tensor logits = latent.Embeddings.ScaledNegativeSquaredDistances(prediction, sigma, latent.Chunking);
        return nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), ids.reshape(-1), reduction: nn.Reduction.None).view(ids.shape);
    }
}
