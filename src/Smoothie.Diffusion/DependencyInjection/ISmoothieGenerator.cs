using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// Thread-safe text generation for applications (registered as a singleton by <c>AddSmoothie</c>). Concurrent requests
/// are batched into shared model calls; at most <see cref="SmoothieOptions.MaxQueueLength"/> wait, a request beyond that
/// fails at once with <see cref="SmoothieQueueFullException"/>.
/// </summary>
public interface ISmoothieGenerator
{
    /// <summary>Rewrites one source text.</summary>
    /// <param name="source">The source text.</param>
    /// <param name="cancellationToken">
    /// Cancels the request: while it waits it gives its queue place back at once; a running model call stops between
    /// sampling steps once every request it serves is cancelled.
    /// </param>
    Task<string> GenerateAsync(string source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rewrites one source text and reports how much of it the model can represent (<see cref="GenerationResult.UnknownTokenShare"/>,
    /// <see cref="InputCoverage"/>); batched like <see cref="GenerateAsync"/>.
    /// </summary>
    /// <param name="source">The source text.</param>
    /// <param name="cancellationToken">Cancels the request, as for <see cref="GenerateAsync"/>.</param>
    Task<GenerationResult> GenerateWithCoverageAsync(string source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rewrites one source text, streaming the text decoded every <paramref name="every"/> steps. The stream runs beside
    /// the batched requests; leaving the <c>await foreach</c> early stops it between steps.
    /// </summary>
    /// <param name="source">The source text.</param>
    /// <param name="every">Stream every this many steps.</param>
    /// <param name="cancellationToken">Stops the generation between steps.</param>
    IAsyncEnumerable<GenerationUpdate> StreamAsync(string source, int every = 5, CancellationToken cancellationToken = default);
}
