using static TorchSharp.torch;

namespace Smoothie.Models.Blocks;

/// <summary>
/// Inverted dropout with its mask drawn as <c>uniform ≥ p</c> instead of libtorch's Bernoulli kernel, which on CPUs
/// other than Intel's draws element by element from one generator (docs/performance.md: <c>bernoulli_</c> is slower
/// than <c>uniform_</c> plus a compare). Same expectation and the same distribution of masks as <c>nn.Dropout</c>; a
/// different random stream. Identity (a new handle on the same data) in eval mode or at p = 0.
/// </summary>
internal sealed class UniformDropout : nn.Module<Tensor, Tensor>
{
    private readonly double probability;

    /// <summary>Creates the layer.</summary>
    /// <param name="probability">The probability of zeroing an element, in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is outside [0, 1).</exception>
    public UniformDropout(double probability)
        : base(nameof(UniformDropout))
    {
        if (!(probability >= 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The dropout probability must be in [0, 1).");
        }

        this.probability = probability;
    }

    /// <summary>
    /// Draw masks with libtorch's own dropout (its Bernoulli kernel) instead, process-wide: only for measuring the two
    /// side by side (benchmarks <c>dropout</c> mode).
    /// </summary>
    internal static bool UseLibTorchKernel { get; set; }

    /// <summary>Zeroes each element with probability p and scales the rest by 1/(1 − p) in training mode.</summary>
    /// <param name="input">Any tensor.</param>
    /// <returns>A new tensor (or a new handle on <paramref name="input"/> in eval mode or at p = 0).</returns>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training || probability == 0)
        {
            return input.alias();
        }

        if (UseLibTorchKernel)
        {
            return nn.functional.dropout(input, probability, training: true);
        }

        using Tensor mask = rand_like(input);
        mask.ge_(probability).mul_(1.0 / (1.0 - probability));
        return input.mul(mask);
    }
}
