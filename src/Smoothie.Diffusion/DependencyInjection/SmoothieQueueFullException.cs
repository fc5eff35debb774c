namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// Thrown by <see cref="ISmoothieGenerator"/> when <see cref="SmoothieOptions.MaxQueueLength"/> requests are already
/// waiting: the request is turned away at once (a server answers 503 with <c>Retry-After</c>) instead of queueing without bound.
/// </summary>
public sealed class SmoothieQueueFullException : InvalidOperationException
{
    /// <summary>Creates the exception for a queue of <paramref name="maxQueueLength"/> places.</summary>
    /// <param name="maxQueueLength">The limit that was reached (<see cref="SmoothieOptions.MaxQueueLength"/>).</param>
    public SmoothieQueueFullException(int maxQueueLength)
        : base($"The Smoothie generator's queue is full: {maxQueueLength} requests are waiting (Smoothie:MaxQueueLength = {maxQueueLength}); retry later, or raise Smoothie:MaxQueueLength.")
    {
        MaxQueueLength = maxQueueLength;
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    public SmoothieQueueFullException()
    {
    }

    /// <summary>Creates the exception with a message of your own.</summary>
    /// <param name="message">The message.</param>
    public SmoothieQueueFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message of your own and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SmoothieQueueFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The limit that was reached (<see cref="SmoothieOptions.MaxQueueLength"/>); 0 when not given.</summary>
    public int MaxQueueLength { get; }
}
