using System.Diagnostics;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Diffusion.DependencyInjection;

/// <summary>
/// One batched request of <see cref="BatchingSmoothieGenerator"/> while it waits and while its model call runs: the
/// source, the caller's cancellation, the activity it came from (the batch's activity links to it), its arrival time, and
/// its place in the bounded queue, which it gives back exactly once (<see cref="TryLeaveQueue"/>).
/// </summary>
internal sealed class QueuedRequest
{
    private int inQueue = 1;

    public QueuedRequest(string source, CancellationToken cancellationToken)
    {
        Source = source;
        CancellationToken = cancellationToken;
        Caller = Activity.Current?.Context;
    }

    public string Source { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The caller's activity, if any: the batch activity links to it.</summary>
    public ActivityContext? Caller { get; }

    /// <summary>When the request arrived (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long Arrived { get; } = Stopwatch.GetTimestamp();

    public TaskCompletionSource<GenerationResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True for the first caller only: the worker taking the request, or its cancellation while it waits.</summary>
    public bool TryLeaveQueue() => Interlocked.Exchange(ref inQueue, 0) == 1;
}
