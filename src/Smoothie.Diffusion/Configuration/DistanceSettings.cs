using System.Globalization;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Diffusion.Configuration;

/// <summary>
/// The geometry of the distance space and its Arctan schedule as one named set: σ_min (the width of the clean latent,
/// shared by the space and the schedule), σ_max, the shape d and the noise scale δ. <see cref="Paper"/> is the paper's
/// exact setting (<see cref="ArctanParameters.Paper"/>, which owns the defaults and the ranges), tuned for 768-d BERT
/// embeddings; <see cref="ScaledToDimension"/> rescales both σ's to another embedding width, because the mean squared
/// distance between normalised embeddings grows linearly with the width, so the same σ smooths narrower embeddings
/// faster (docs/results.md §3 and §5).
/// </summary>
/// <param name="SigmaMin">σ_min &gt; 0.</param>
/// <param name="SigmaMax">σ_max &gt; σ_min.</param>
/// <param name="D">The Arctan shape d &gt; 0.</param>
/// <param name="Delta">The Arctan noise scale δ ≥ 0.</param>
public sealed record DistanceSettings(double SigmaMin, double SigmaMax, double D, double Delta)
{
    /// <summary>The embedding width the paper's σ's were tuned for (bert-base).</summary>
    public const int PaperEmbeddingDimension = 768;

    /// <summary>The paper's settings, <see cref="ArctanParameters.Paper"/>'s values.</summary>
    public static DistanceSettings Paper { get; } = From(ArctanParameters.Paper);

    /// <summary>
    /// The paper's settings with both σ's multiplied by √(width / 768): for 384-d MiniLM embeddings σ_min 1.06 and
    /// σ_max 141.4 (d and δ unchanged). For 768-d embeddings this is exactly <see cref="Paper"/>.
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

    /// <summary>The same four values as the Arctan schedule's parameters.</summary>
    /// <param name="parameters">The schedule's parameters.</param>
    public static DistanceSettings From(ArctanParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new(parameters.SigmaMin, parameters.SigmaMax, parameters.D, parameters.Delta);
    }

    /// <summary>The Arctan schedule's parameters (σ_min included: the space and the schedule share it).</summary>
    public ArctanParameters ToArctanParameters() => new() { D = D, Delta = Delta, SigmaMin = SigmaMin, SigmaMax = SigmaMax };

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"σ_min {SigmaMin}, σ_max {SigmaMax}, d {D}, δ {Delta}");
}
