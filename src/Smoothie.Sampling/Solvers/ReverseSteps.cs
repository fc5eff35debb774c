using Smoothie.Runtime;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// The registry of reverse steps: every solver name is declared here once (configuration files, command lines, the
/// solvers' <see cref="IReverseStep.Name"/>), with its factory and aliases.
/// </summary>
public static class ReverseSteps
{
    /// <summary>The re-noise step (the paper's and the default): <see cref="RenoiseStep"/>; alias <c>re-noise</c>.</summary>
    public const string Renoise = "renoise";

    /// <summary>The ancestral DDPM step: <see cref="DdpmStep"/>.</summary>
    public const string Ddpm = "ddpm";

    /// <summary>The deterministic DDIM step: <see cref="DdimStep"/>.</summary>
    public const string Ddim = "ddim";

    /// <summary>The Euler–Maruyama step of the reverse VP-SDE: <see cref="SdeStep"/>.</summary>
    public const string Sde = "sde";

    private static readonly Entry[] Registry =
    [
        new(Renoise, ["re-noise"], chunking => new RenoiseStep(chunking)),
        new(Ddpm, [], chunking => new DdpmStep(chunking)),
        new(Ddim, [], _ => new DdimStep()),
        new(Sde, [], chunking => new SdeStep(chunking)),
    ];

    /// <summary>The registered names, default first: <c>renoise</c>, <c>ddpm</c>, <c>ddim</c>, <c>sde</c> (no aliases).</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(Registry.Select(e => e.Name).ToArray());

    /// <summary>Whether <paramref name="name"/> is a registered name or alias (case-insensitive, surrounding spaces ignored).</summary>
    /// <param name="name">A candidate name.</param>
    public static bool IsKnown(string? name) => Find(name) is not null;

    /// <summary>Creates a step by name or alias (case-insensitive, surrounding spaces ignored).</summary>
    /// <param name="name">A name from <see cref="Names"/> or an alias.</param>
    /// <param name="chunking">Memory budget of the noise draw; null for 1 GiB.</param>
    /// <exception cref="ArgumentException">The name is empty or unknown (the message lists the known names).</exception>
    public static IReverseStep Create(string name, LatentChunking? chunking = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Entry entry = Find(name)
            ?? throw new ArgumentException($"Unknown reverse step '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));
        return entry.Create(chunking);
    }

    private static Entry? Find(string? name)
    {
        string key = name?.Trim() ?? string.Empty;
        return Array.Find(Registry, e => e.Name.Equals(key, StringComparison.OrdinalIgnoreCase)
            || e.Aliases.Any(a => a.Equals(key, StringComparison.OrdinalIgnoreCase)));
    }

    private sealed record Entry(string Name, string[] Aliases, Func<LatentChunking?, IReverseStep> Create);
}
