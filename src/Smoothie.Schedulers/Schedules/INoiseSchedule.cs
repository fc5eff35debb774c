using static TorchSharp.torch;

namespace Smoothie.Schedulers.Schedules;

/// <summary>
/// A noise schedule: for diffusion time t ∈ [0, 1] the signal scale μ_t and noise standard deviation std_t of the
/// forward process <c>x_t = μ_t·x0 + std_t·ε</c>, the scale of the prior at t = 1, and β(t) for the SDE solver.
/// </summary>
public interface INoiseSchedule
{
    /// <summary>A short name: <c>arctan</c>, <c>cosine-sd</c>, <c>sqrt</c>, <c>cosine</c> or <c>tess</c>.</summary>
    string Name { get; }

    /// <summary>The standard deviation of the prior the sampler starts from (δ for Arctan, k for Tess, else 1).</summary>
    double PriorScale { get; }

    /// <summary>True when <see cref="Beta(double)"/> is defined (needed by the SDE solver).</summary>
    bool SupportsSde { get; }

    /// <summary>The signal scale μ_t.</summary>
    /// <param name="t">Diffusion time in [0, 1].</param>
    double Mu(double t);

    /// <summary>The noise standard deviation std_t.</summary>
    /// <param name="t">Diffusion time in [0, 1].</param>
    double Std(double t);

    /// <summary>The instantaneous noise rate β(t) of the VP-SDE form.</summary>
    /// <param name="t">Diffusion time in [0, 1].</param>
    /// <exception cref="NotSupportedException">The schedule has no β (see <see cref="SupportsSde"/>).</exception>
    double Beta(double t);

    /// <summary>μ_t element-wise for a tensor of times (same shape, float32, same device).</summary>
    /// <param name="t">Times in [0, 1].</param>
    Tensor Mu(Tensor t);

    /// <summary>std_t element-wise for a tensor of times (same shape, float32, same device).</summary>
    /// <param name="t">Times in [0, 1].</param>
    Tensor Std(Tensor t);
}
