namespace Smoothie.Latent.Spaces;

/// <summary>
/// The names of the latent spaces (<see cref="ILatentSpace.Name"/>) as <c>pipeline.json</c> and the command line spell
/// them: the one place each is written.
/// </summary>
public static class LatentSpaceNames
{
    /// <summary>The distance space (<see cref="DistanceLatentSpace"/>).</summary>
    public const string Distance = "distance";

    /// <summary>The embedding space (<see cref="EmbeddingLatentSpace"/>).</summary>
    public const string Embedding = "embedding";

    /// <summary>The simplex space (<see cref="SimplexLatentSpace"/>).</summary>
    public const string Simplex = "simplex";

    /// <summary>Every name: distance, embedding, simplex.</summary>
    public static IReadOnlyList<string> Names { get; } = [Distance, Embedding, Simplex];

    /// <summary>The registered name a given one spells (case-insensitive, surrounding white space ignored).</summary>
    /// <param name="name">distance, embedding or simplex.</param>
    /// <returns>The name as registered (one of <see cref="Names"/>).</returns>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones).</exception>
    public static string Parse(string name) =>
        Names.FirstOrDefault(n => string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown latent space '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
}
