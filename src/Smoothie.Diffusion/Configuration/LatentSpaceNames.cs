namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// The names of the latent spaces (<see cref="LatentSpaceKind"/>) as <c>pipeline.json</c> and the command line spell them:
/// the one place each is written.
/// </summary>
public static class LatentSpaceNames
{
    /// <summary>The distance space (<see cref="LatentSpaceKind.Distance"/>).</summary>
    public const string Distance = "distance";

    /// <summary>The embedding space (<see cref="LatentSpaceKind.Embedding"/>).</summary>
    public const string Embedding = "embedding";

    /// <summary>The simplex space (<see cref="LatentSpaceKind.Simplex"/>).</summary>
    public const string Simplex = "simplex";

    /// <summary>Every name, in the order of <see cref="LatentSpaceKind"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [Distance, Embedding, Simplex];

    /// <summary>The name of a latent space.</summary>
    /// <param name="kind">The space.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="LatentSpaceKind"/>.</exception>
    public static string Of(LatentSpaceKind kind) => kind switch
    {
        LatentSpaceKind.Distance => Distance,
        LatentSpaceKind.Embedding => Embedding,
        LatentSpaceKind.Simplex => Simplex,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Expected one of {string.Join(", ", Names)}."),
    };

    /// <summary>The latent space of a name (case-insensitive).</summary>
    /// <param name="name">distance, embedding or simplex.</param>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static LatentSpaceKind Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        Distance => LatentSpaceKind.Distance,
        Embedding => LatentSpaceKind.Embedding,
        Simplex => LatentSpaceKind.Simplex,
        _ => throw new ArgumentException($"Unknown latent space '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
