namespace Smoothie.Training.Checkpoints;

/// <summary>
/// What a checkpoint must agree with to be loaded: the latent space, the embeddings (vocabulary and values), the
/// vocabulary size and the model configuration. A mismatch fails with a message naming the field.
/// </summary>
/// <param name="LatentSpace">The latent space name (distance, embedding, simplex).</param>
/// <param name="EmbeddingIdentity">A hash of the vocabulary and embedding values.</param>
/// <param name="VocabularySize">V of the (sub-)vocabulary.</param>
/// <param name="ModelConfiguration">The model configuration as text (e.g. JSON).</param>
public sealed record CheckpointIdentity(string LatentSpace, string EmbeddingIdentity, long VocabularySize, string ModelConfiguration)
{
    /// <summary>Throws when <paramref name="saved"/> differs from this identity.</summary>
    /// <param name="saved">The identity stored in a checkpoint.</param>
    /// <param name="where">The checkpoint folder (for the message).</param>
    /// <exception cref="InvalidOperationException">The checkpoint belongs to another setup.</exception>
    public void EnsureMatches(CheckpointIdentity saved, string where)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (saved.LatentSpace != LatentSpace)
        {
            throw new InvalidOperationException($"The checkpoint '{where}' was trained in the '{saved.LatentSpace}' latent space, but this run uses '{LatentSpace}'. Use the same latent space or start a new output folder.");
        }

        if (saved.VocabularySize != VocabularySize || saved.EmbeddingIdentity != EmbeddingIdentity)
        {
            throw new InvalidOperationException($"The checkpoint '{where}' was made with another vocabulary/embeddings (V={saved.VocabularySize}, id {saved.EmbeddingIdentity}) than this run (V={VocabularySize}, id {EmbeddingIdentity}). Use the same embeddings and data or start a new output folder.");
        }

        if (saved.ModelConfiguration != ModelConfiguration)
        {
            throw new InvalidOperationException($"The checkpoint '{where}' was made with another model configuration:\n  saved: {saved.ModelConfiguration}\n  now:   {ModelConfiguration}\nUse the same model settings or start a new output folder.");
        }
    }
}
