using Smoothie.Runtime;

namespace Smoothie.Sampling.Solvers;

/// <summary>Creates reverse steps by name (configuration files, command lines).</summary>
public static class ReverseSteps
{
    /// <summary>The known names: <c>renoise</c> (default), <c>ddpm</c>, <c>ddim</c>, <c>sde</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["renoise", "ddpm", "ddim", "sde"];

    /// <summary>Creates a step by name (case-insensitive).</summary>
    /// <param name="name">A name from <see cref="Names"/>.</param>
    /// <param name="chunking">Memory budget of the noise draw; null for 1 GiB.</param>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static IReverseStep Create(string name, LatentChunking? chunking = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "renoise" or "re-noise" => new RenoiseStep(chunking),
            "ddpm" => new DdpmStep(chunking),
            "ddim" => new DdimStep(),
            "sde" => new SdeStep(chunking),
            _ => throw new ArgumentException($"Unknown reverse step '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
