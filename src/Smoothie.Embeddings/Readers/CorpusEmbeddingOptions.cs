namespace Smoothie.Embeddings.Readers;

/// <summary>Settings of <see cref="CorpusEmbeddingTrainer"/> (PPMI co-occurrence + truncated SVD).</summary>
public sealed record CorpusEmbeddingOptions
{
    /// <summary>The embedding width d (must not exceed the number of distinct tokens seen). Default 128.</summary>
    public int Dimension { get; init; } = 128;

    /// <summary>Co-occurrence window: tokens up to this many positions apart count, weighted 1/distance. Default 5.</summary>
    public int Window { get; init; } = 5;

    /// <summary>Context-distribution smoothing exponent α of PPMI (Levy et al. 2015). Default 0.75.</summary>
    public double ContextSmoothing { get; init; } = 0.75;

    /// <summary>Extra random directions of the randomized SVD beyond <see cref="Dimension"/>. Default 10.</summary>
    public int Oversampling { get; init; } = 10;

    /// <summary>Power (subspace) iterations of the randomized SVD; more = more accurate. Default 4.</summary>
    public int PowerIterations { get; init; } = 4;

    /// <summary>The seed of every random choice (same corpus + options + seed = same embeddings). Default 0.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        if (Dimension <= 0)
        {
            throw new ArgumentException($"Dimension must be positive, got {Dimension}.", nameof(Dimension));
        }

        if (Window <= 0)
        {
            throw new ArgumentException($"Window must be positive, got {Window}.", nameof(Window));
        }

        if (ContextSmoothing is <= 0 or > 1)
        {
            throw new ArgumentException($"ContextSmoothing must be in (0, 1], got {ContextSmoothing}.", nameof(ContextSmoothing));
        }

        if (Oversampling < 0 || PowerIterations < 0)
        {
            throw new ArgumentException($"Oversampling and PowerIterations must be non-negative, got {Oversampling} and {PowerIterations}.");
        }
    }
}
