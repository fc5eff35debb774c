using System.Globalization;

namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// The geometry of the distance space and its Arctan schedule as one named set: σ_min (the width of the clean latent,
/// shared by the space and the schedule), σ_max, the shape d and the noise scale δ. <see cref="Paper"/> is the paper's
/// exact setting, tuned for 768-d BERT embeddings; <see cref="ScaledToDimension"/> rescales both σ's to another embedding
/// width, because the mean squared distance between normalised embeddings grows linearly with the width, so the same σ
/// smooths narrower embeddings faster (docs/results.md §3 and §5).
/// </summary>
/// <param name="SigmaMin">σ_min &gt; 0.</param>
/// <param name="SigmaMax">σ_max &gt; σ_min.</param>
/// <param name="D">The Arctan shape d &gt; 0.</param>
/// <param name="Delta">The Arctan noise scale δ &gt; 0.</param>
public sealed record DistanceSettings(double SigmaMin, double SigmaMax, double D = 9, double Delta = 1)
{
    /// <summary>The embedding width the paper's σ's were tuned for (bert-base).</summary>
    public const int PaperEmbeddingDimension = 768;

    /// <summary>The paper's settings: σ_min 1.5, σ_max 200, d 9, δ 1.</summary>
    public static DistanceSettings Paper { get; } = new(1.5, 200);

    /// <summary>
    /// The paper's settings with both σ's multiplied by √(width / 768): for 384-d MiniLM embeddings σ_min 1.06 and
    /// σ_max 141 (d and δ unchanged). For 768-d embeddings this is exactly <see cref="Paper"/>.
    /// </summary>
    /// <param name="embeddingDimension">The embedding width d ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="embeddingDimension"/> is less than 1.</exception>
    public static DistanceSettings ScaledToDimension(int embeddingDimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingDimension, 1);
        double factor = Math.Sqrt(embeddingDimension / (double)PaperEmbeddingDimension);
        return Paper with { SigmaMin = Math.Round(Paper.SigmaMin * factor, 2), SigmaMax = Math.Round(Paper.SigmaMax * factor, 1) };
    }

    /// <summary>Settings by name: <c>paper</c>, or <c>scaled</c> (rescaled to <paramref name="embeddingDimension"/>).</summary>
    /// <param name="name">paper or scaled (case-insensitive).</param>
    /// <param name="embeddingDimension">The embedding width the scaled settings are for.</param>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static DistanceSettings ByName(string name, int embeddingDimension) => name?.Trim().ToLowerInvariant() switch
    {
        "paper" => Paper,
        "scaled" => ScaledToDimension(embeddingDimension),
        _ => throw new ArgumentException($"Unknown distance settings '{name}'; expected paper or scaled.", nameof(name)),
    };

    /// <summary>The Arctan schedule's parameters (d, δ, σ_max; σ_min comes from the space).</summary>
    public Dictionary<string, double> ScheduleParameters() => new() { ["d"] = D, ["delta"] = Delta, ["sigmaMax"] = SigmaMax };

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"σ_min {SigmaMin}, σ_max {SigmaMax}, d {D}, δ {Delta}");
}
