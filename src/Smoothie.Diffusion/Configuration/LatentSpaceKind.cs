namespace Smoothie.Diffusion.Configuration;

/// <summary>The latent space diffusion runs in.</summary>
public enum LatentSpaceKind
{
    /// <summary>Smoothie: negative squared distances to every vocabulary embedding (the paper's method).</summary>
    Distance,

    /// <summary>Gaussian diffusion on token embeddings (baseline).</summary>
    Embedding,

    /// <summary>TESS simplex diffusion on ±k one-hot logits (baseline).</summary>
    Simplex,
}
