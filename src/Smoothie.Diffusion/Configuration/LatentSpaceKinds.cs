using Smoothie.Latent.Spaces;

namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// Each <see cref="LatentSpaceKind"/> and its latent space's name, the one registered in <see cref="LatentSpaceNames"/>
/// (Smoothie.Latent), as <c>pipeline.json</c> and the command line spell it.
/// </summary>
public static class LatentSpaceKinds
{
    /// <summary>The name of a latent space (one of <see cref="LatentSpaceNames.Names"/>).</summary>
    /// <param name="kind">The space.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="LatentSpaceKind"/>.</exception>
    public static string NameOf(LatentSpaceKind kind) => kind switch
    {
        LatentSpaceKind.Distance => LatentSpaceNames.Distance,
        LatentSpaceKind.Embedding => LatentSpaceNames.Embedding,
        LatentSpaceKind.Simplex => LatentSpaceNames.Simplex,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Expected one of {string.Join(", ", LatentSpaceNames.Names)}."),
    };

    /// <summary>The latent space of a name (case-insensitive).</summary>
    /// <param name="name">distance, embedding or simplex (<see cref="LatentSpaceNames.Names"/>).</param>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static LatentSpaceKind Parse(string name) => LatentSpaceNames.Parse(name) switch
    {
        LatentSpaceNames.Distance => LatentSpaceKind.Distance,
        LatentSpaceNames.Embedding => LatentSpaceKind.Embedding,
        _ => LatentSpaceKind.Simplex,
    };
}
