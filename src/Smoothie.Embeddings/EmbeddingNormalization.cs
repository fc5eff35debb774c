namespace Smoothie.Embeddings;

/// <summary>How <see cref="EmbeddingMatrix"/> standardises the raw token embeddings once, before diffusion.</summary>
public enum EmbeddingNormalization
{
    /// <summary>Keep the raw values.</summary>
    None,

    /// <summary>
    /// The paper's default: <c>E ← (E − m) / s</c> with one scalar mean <c>m</c> and one scalar standard deviation
    /// <c>s</c> over all entries of the rows of used tokens.
    /// </summary>
    Total,

    /// <summary>A mean and standard deviation per column (feature), over the rows of used tokens.</summary>
    PerFeature,
}
