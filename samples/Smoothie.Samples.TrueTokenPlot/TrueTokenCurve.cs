using Smoothie.Diffusion.Configuration;

namespace Smoothie.Samples.TrueTokenPlot;

/// <summary>The mean posterior probability of the true token at each diffusion time, for one latent space.</summary>
/// <param name="Latent">The latent space.</param>
/// <param name="Schedule">Its schedule (paper defaults).</param>
/// <param name="VocabularySize">V, the size of the sub-vocabulary the posterior runs over.</param>
/// <param name="Probabilities">One value per time of the grid.</param>
public sealed record TrueTokenCurve(LatentSpaceKind Latent, string Schedule, int VocabularySize, IReadOnlyList<double> Probabilities)
{
    /// <summary>The curve's name in tables (the latent space, or the distance variant's parameters).</summary>
    public string Label { get; init; } = Latent.ToString().ToLowerInvariant();

    /// <summary>The true token's weight in what the denoiser is given (see <see cref="TrueTokenPlotSample.MeanInputViewProbability"/>), or null.</summary>
    public IReadOnlyList<double>? InputViewProbabilities { get; init; }
}
