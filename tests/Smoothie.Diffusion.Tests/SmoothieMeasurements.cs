using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Smoothie.Diffusion.Diagnostics;

namespace Smoothie.Diffusion.Tests;

/// <summary>
/// Records every measurement of the Smoothie meter that one container's <see cref="IMeterFactory"/> created (so tests
/// running beside it, with containers of their own, do not leak in), with a <see cref="MeterListener"/>.
/// </summary>
internal sealed class SmoothieMeasurements : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = new();

    public SmoothieMeasurements(IMeterFactory scope)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SmoothieDiagnostics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        listener.Start();
    }

    /// <summary>The values recorded for <paramref name="instrument"/>, optionally only those with a tag of the given value.</summary>
    public IReadOnlyList<double> Values(string instrument, string? tag = null, string? value = null) =>
        measurements.Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value))).Select(m => m.Value).ToList();

    /// <summary>The tags of every value recorded for <paramref name="instrument"/>.</summary>
    public IReadOnlyList<Dictionary<string, object?>> Tags(string instrument) =>
        measurements.Where(m => m.Instrument == instrument).Select(m => m.Tags).ToList();

    /// <summary>Reads the observable instruments now.</summary>
    public void Observe() => listener.RecordObservableInstruments();

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        measurements.Enqueue((instrument.Name, value, copy));
    }
}
