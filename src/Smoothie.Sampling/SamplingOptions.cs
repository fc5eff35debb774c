namespace Smoothie.Sampling;

/// <summary>Settings of one generation call (the solver and schedule are chosen when the sampler is built).</summary>
public sealed record SamplingOptions
{
    /// <summary>Number of reverse steps N (default: the paper's, <see cref="Solvers.TimeGrid.DefaultSteps"/>).</summary>
    public int Steps { get; init; } = Solvers.TimeGrid.DefaultSteps;

    /// <summary>The final time ε_t of the grid linspace(t_start, ε_t, N+1) (paper: 0).</summary>
    public double EndTime { get; init; }

    /// <summary>
    /// The first time t_start of the grid (default 1: start from the prior, as in the paper). Below 1 the sampler starts
    /// from given tokens noised to t_start and spends all N steps on [ε_t, t_start] — SDEdit-style editing, the
    /// "strength" of diffusers' image-to-image pipelines; needs start tokens (see <see cref="DiffusionSampler.GenerateFrom"/>).
    /// </summary>
    public double StartTime { get; init; } = 1.0;

    /// <summary>Classifier-free guidance weight w: prediction = uncond + (1 + w)·(cond − uncond); 0 = off.</summary>
    public double GuidanceScale { get; init; }

    /// <summary>Feed the previous estimate back (needs a model trained with self-conditioning).</summary>
    public bool SelfConditioning { get; init; }

    /// <summary>
    /// Clamp every prediction to the embedding of its nearest token before the step (Diffusion-LM's clamping trick), so
    /// that x̂0 never drifts towards the centroid of E; for the embedding-MSE spaces (distance, embedding) only.
    /// </summary>
    public bool ClampToNearestToken { get; init; }

    /// <summary>
    /// Seed of the prior sample and the solver's noise. Each sequence (batch row) draws from its own stream, derived from
    /// the seed and the sequence's key (<see cref="SequenceKeys"/>), so a row's output does not depend on the other rows,
    /// its position in the batch or the batch size (<see cref="Smoothie.Runtime.SequenceNoise"/>).
    /// </summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// The key of each sequence's noise stream, one per batch row, or null (default) for keys derived from what each row
    /// is conditioned on: the 64-bit FNV-1a hash of its source ids where the source mask is set (padding excluded) and, when
    /// sampling starts from given tokens, of its start tokens; without sources or start tokens, the row's index. So
    /// the same source and seed give the same noise alone or in any batch; equal keys give equal noise (pass distinct
    /// keys to draw several samples of one source in one call).
    /// </summary>
    public IReadOnlyList<ulong>? SequenceKeys { get; init; }

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Steps < 1)
        {
            throw new ArgumentException($"SamplingOptions.Steps must be ≥ 1; got {Steps}.", nameof(Steps));
        }

        if (!(EndTime >= 0 && EndTime < 1))
        {
            throw new ArgumentException($"SamplingOptions.EndTime must lie in [0, 1); got {EndTime}.", nameof(EndTime));
        }

        if (!(StartTime > EndTime && StartTime <= 1))
        {
            throw new ArgumentException($"SamplingOptions.StartTime must lie in (EndTime, 1] = ({EndTime}, 1]; got {StartTime}.", nameof(StartTime));
        }

        if (!(GuidanceScale >= 0) || double.IsInfinity(GuidanceScale))
        {
            throw new ArgumentException($"SamplingOptions.GuidanceScale must be ≥ 0; got {GuidanceScale}.", nameof(GuidanceScale));
        }
    }
}
