namespace Smoothie.Diffusion.Diagnostics;

/// <summary>
/// The instruments of the <see cref="SmoothieDiagnostics.MeterName"/> meter. Every measurement carries the tag
/// <see cref="SmoothieDiagnostics.ModelTag"/>; the request instruments also <see cref="KindTag"/> and <see cref="OutcomeTag"/>.
/// </summary>
public static class SmoothieInstruments
{
    /// <summary>Counter of requests answered or turned away (<c>{request}</c>), tagged with kind and outcome.</summary>
    public const string Requests = "smoothie.generator.requests";

    /// <summary>Up-down counter of requests waiting for a model call or a stream place (<c>{request}</c>); bounded by <c>SmoothieOptions.MaxQueueLength</c>.</summary>
    public const string QueuedRequests = "smoothie.generator.queued_requests";

    /// <summary>Histogram of the requests one model call served (<c>{request}</c>).</summary>
    public const string BatchSize = "smoothie.generator.batch.size";

    /// <summary>Histogram of a request's latency from its arrival to its answer, waiting included (seconds), tagged with kind and outcome.</summary>
    public const string RequestDuration = "smoothie.generator.request.duration";

    /// <summary>Histogram of the duration of one model call: a batch or a whole stream (seconds).</summary>
    public const string GenerationDuration = "smoothie.generator.generation.duration";

    /// <summary>Histogram of the output tokens (the codec's tokens of the returned texts) per second of one model call (<c>{token}/s</c>).</summary>
    public const string TokensPerSecond = "smoothie.generator.tokens_per_second";

    /// <summary>
    /// Gauge of the bytes the C heap holds allocated, libtorch's CPU tensors included (<c>By</c>; glibc's <c>mallinfo2</c>,
    /// <c>Smoothie.Runtime.NativeHeap.AllocatedBytes</c>); reports nothing where that is not available.
    /// </summary>
    public const string NativeHeapAllocated = "smoothie.native_heap.allocated";

    /// <summary>The tag saying which call a request made: <c>generate</c> (batched) or <c>stream</c>.</summary>
    public const string KindTag = "smoothie.request.kind";

    /// <summary>The tag saying how a request ended: <c>completed</c>, <c>rejected</c> (queue full), <c>canceled</c> or <c>failed</c>.</summary>
    public const string OutcomeTag = "smoothie.request.outcome";
}
