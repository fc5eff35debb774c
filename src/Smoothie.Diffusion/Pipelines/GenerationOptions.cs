namespace Smoothie.Diffusion.Pipelines;

/// <summary>Per-call generation settings; null fields fall back to the pipeline's configuration.</summary>
public sealed record GenerationOptions
{
    /// <summary>Number of reverse steps (default: the pipeline's).</summary>
    public int? Steps { get; init; }

    /// <summary>Solver: renoise, ddpm, ddim or sde (default: the pipeline's).</summary>
    public string? Solver { get; init; }

    /// <summary>Arctan δ: prior and noise scale (fluency vs diversity); default: the pipeline's.</summary>
    public double? Delta { get; init; }

    /// <summary>Classifier-free guidance weight (0 = off).</summary>
    public double GuidanceScale { get; init; }

    /// <summary>The seed of the noise.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Clamp each step's prediction to its nearest token embedding (distance and embedding spaces); see <c>SamplingOptions.ClampToNearestToken</c>.</summary>
    public bool ClampToNearestToken { get; init; }

    /// <summary>Sequences generated per batch.</summary>
    public int BatchSize { get; init; } = 64;
}
