using System.Diagnostics;
using System.Diagnostics.Metrics;
using Smoothie.Runtime;

namespace Smoothie.Diffusion.Diagnostics;

/// <summary>
/// The instruments of <see cref="SmoothieDiagnostics.MeterName"/>, one set per container (a singleton shared by every
/// named generator, which tags its measurements with its name). The meter comes from the container's
/// <see cref="IMeterFactory"/> (so it is scoped to that container, as Microsoft.Extensions libraries do); a container
/// without one gets a meter of its own, disposed with this instance.
/// </summary>
internal sealed class SmoothieMetrics : IDisposable
{
    private static readonly double[] DurationBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
    private static readonly int[] BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128];
    private static readonly double[] RateBuckets = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];
    private readonly Meter? ownMeter;
    private readonly Counter<long> requests;
    private readonly UpDownCounter<long> queued;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> requestDuration;
    private readonly Histogram<double> generationDuration;
    private readonly Histogram<double> tokensPerSecond;

    /// <summary>Creates the instruments on the factory's meter, or on a meter of its own without a factory.</summary>
    /// <param name="meterFactory">The container's meter factory, or null.</param>
    public SmoothieMetrics(IMeterFactory? meterFactory)
    {
        var options = new MeterOptions(SmoothieDiagnostics.MeterName) { Version = SmoothieDiagnostics.Version };
        Meter meter = meterFactory?.Create(options) ?? (ownMeter = new Meter(options));
        requests = meter.CreateCounter<long>(SmoothieInstruments.Requests, "{request}", "Requests answered or turned away by the Smoothie generator.");
        queued = meter.CreateUpDownCounter<long>(SmoothieInstruments.QueuedRequests, "{request}", "Requests waiting for a model call or a stream place.");
        batchSize = meter.CreateHistogram(
            SmoothieInstruments.BatchSize, "{request}", "Requests served by one model call.", tags: null, new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
        requestDuration = meter.CreateHistogram(
            SmoothieInstruments.RequestDuration, "s", "Latency of a request from its arrival to its answer, waiting included.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        generationDuration = meter.CreateHistogram(
            SmoothieInstruments.GenerationDuration, "s", "Duration of one model call (a batch or a whole stream).", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        tokensPerSecond = meter.CreateHistogram(
            SmoothieInstruments.TokensPerSecond, "{token}/s", "Output tokens per second of one model call.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = RateBuckets });
        meter.CreateObservableGauge(SmoothieInstruments.NativeHeapAllocated, ObserveNativeHeap, "By", "Bytes the C heap holds allocated (libtorch's CPU tensors included).");
    }

    /// <summary>A request entered the queue.</summary>
    public void Enqueued(string model) => queued.Add(1, Model(model));

    /// <summary>A request left the queue (taken into a model call, cancelled, or the generator stopped).</summary>
    public void Dequeued(string model) => queued.Add(-1, Model(model));

    /// <summary>A request ended: counted, and its latency recorded unless it was turned away at once.</summary>
    public void RequestEnded(string model, string kind, string outcome, TimeSpan? latency)
    {
        var tags = new TagList { Model(model), { SmoothieInstruments.KindTag, kind }, { SmoothieInstruments.OutcomeTag, outcome } };
        requests.Add(1, tags);
        if (latency is { } elapsed)
        {
            requestDuration.Record(elapsed.TotalSeconds, tags);
        }
    }

    /// <summary>A model call ended: the requests it served, its duration and its output tokens per second.</summary>
    /// <param name="model">The registration's name.</param>
    /// <param name="requestCount">The requests the call served.</param>
    /// <param name="duration">How long the call took.</param>
    /// <param name="outputTokens">Counts the output tokens (called only while someone listens to the rate).</param>
    public void GenerationEnded(string model, int requestCount, TimeSpan duration, Func<long> outputTokens)
    {
        KeyValuePair<string, object?> tag = Model(model);
        batchSize.Record(requestCount, tag);
        generationDuration.Record(duration.TotalSeconds, tag);
        if (duration > TimeSpan.Zero && tokensPerSecond.Enabled)
        {
            tokensPerSecond.Record(outputTokens() / duration.TotalSeconds, tag);
        }
    }

    /// <inheritdoc />
    public void Dispose() => ownMeter?.Dispose();

    private static KeyValuePair<string, object?> Model(string model) => new(SmoothieDiagnostics.ModelTag, model);

    private static IEnumerable<Measurement<long>> ObserveNativeHeap() =>
        NativeHeap.AllocatedBytes() is { } bytes ? [new Measurement<long>(bytes)] : [];
}
