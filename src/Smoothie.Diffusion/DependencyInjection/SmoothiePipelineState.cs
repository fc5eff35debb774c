namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>Where the generator's pipeline is: what the health check (<c>AddSmoothieCheck</c>) reports.</summary>
public enum SmoothiePipelineState
{
    /// <summary>Not loaded yet: no warm-up has started (no host ran the warm-up service) and no request has come.</summary>
    NotLoaded,

    /// <summary>Loading (the warm-up service or the first request started it).</summary>
    Loading,

    /// <summary>Loaded; requests are served.</summary>
    Ready,

    /// <summary>Loading failed; every request fails with the same exception (<see cref="BatchingSmoothieGenerator.PipelineLoadError"/>).</summary>
    Failed,
}
