using System.Globalization;

namespace Smoothie.Evaluation;

/// <summary>
/// Self-BLEU (Zhu et al. 2018): for each text, its sentence BLEU (sacreBLEU sentence defaults: 13a, exp smoothing,
/// effective order) with every other text of the set as the references; the mean over texts, 0–100. Lower means more
/// diverse. Reference-free: <see cref="Compute"/> ignores the references. Cost is quadratic in the number of texts.
/// </summary>
/// <param name="options">BLEU options; default <see cref="BleuOptions.SentenceDefault"/>.</param>
public sealed class SelfBleu(BleuOptions? options = null) : ITextMetric
{
    private readonly Bleu bleu = new(options ?? BleuOptions.SentenceDefault);

    /// <inheritdoc />
    public string Name => "self-BLEU";

    /// <summary>Self-BLEU of <paramref name="texts"/>.</summary>
    /// <exception cref="ArgumentException">Fewer than two texts, or fewer than two non-empty ones.</exception>
    public double Score(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count(t => !string.IsNullOrEmpty(t)) < 2)
        {
            throw new ArgumentException("Self-BLEU needs at least two non-empty texts.", nameof(texts));
        }

        double sum = 0;
        for (int i = 0; i < texts.Count; i++)
        {
            string[] others = texts.Where((_, j) => j != i).ToArray();
            sum += bleu.SentenceScore(texts[i], others).Score;
        }

        return sum / texts.Count;
    }

    /// <inheritdoc />
    public MetricResult Compute(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string>? sources = null)
    {
        double score = Score(hypotheses);
        return new MetricResult(Name, new Dictionary<string, double> { ["self_bleu"] = score }, string.Create(CultureInfo.InvariantCulture, $"self-BLEU = {score:F2}"));
    }
}
