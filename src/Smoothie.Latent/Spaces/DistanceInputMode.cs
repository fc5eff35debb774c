namespace Smoothie.Latent.Spaces;

/// <summary>How the distance space turns x_t ∈ R^V into the denoiser's d-dimensional input.</summary>
public enum DistanceInputMode
{
    /// <summary>softmax(x_t)·E, the paper's input.</summary>
    SoftmaxMix,

    /// <summary>
    /// p(w | x_t)·E, the posterior mean embedding under the forward process (see <see cref="DistancePosterior"/>). Every clean
    /// latent D_σ(E_w) lies in the (d + 2)-dimensional span of E's columns, 1 and ‖E‖², so x_tᵀ·D_σ(E_w) — and with it the exact
    /// token posterior — is computed from x_t·E and Σ x_t; softmax(x_t) instead keeps only the largest entries of x_t and
    /// loses the token long before x_t does.
    /// </summary>
    Posterior,
}
