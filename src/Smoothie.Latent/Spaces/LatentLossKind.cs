namespace Smoothie.Latent.Spaces;

/// <summary>How the denoiser's prediction is compared with the clean data during training.</summary>
public enum LatentLossKind
{
    /// <summary>Mean squared error between predicted and true (normalised) token embeddings (Distance and Embedding spaces).</summary>
    EmbeddingMse,

    /// <summary>Cross-entropy of a V-way token head against the true token ids (Simplex space, TESS).</summary>
    TokenCrossEntropy,
}
