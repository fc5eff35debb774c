using Smoothie.Models.Configuration;

namespace Smoothie.Diffusion.Configuration;

/// <summary>Model presets by name, for configuration files and command lines.</summary>
public static class ModelPresets
{
    /// <summary>The known names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["tiny", "small", "small-pretrained", "paper"];

    /// <summary>The preset called <paramref name="name"/> (case-insensitive).</summary>
    /// <param name="name">tiny, small, small-pretrained or paper.</param>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static DenoiserConfig ByName(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "tiny" => ModelPreset.Tiny,
        "small" => ModelPreset.Small,
        "small-pretrained" or "smallpretrained" => ModelPreset.SmallPretrained,
        "paper" => ModelPreset.Paper,
        _ => throw new ArgumentException($"Unknown model preset '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
    };
}
