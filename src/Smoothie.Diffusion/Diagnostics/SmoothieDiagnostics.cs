using System.Diagnostics;
using System.Reflection;

namespace Smoothie.Diffusion.Diagnostics;

/// <summary>
/// The names a host subscribes to for Smoothie's telemetry: the <see cref="System.Diagnostics.Metrics.Meter"/> of the
/// generator registered by <c>AddSmoothie</c> (<see cref="MeterName"/>, instruments <see cref="SmoothieInstruments"/>) and
/// the <see cref="System.Diagnostics.ActivitySource"/> of generation and training (<see cref="ActivitySourceName"/>). With
/// OpenTelemetry: <c>.WithMetrics(m =&gt; m.AddMeter(SmoothieDiagnostics.MeterName))</c> and
/// <c>.WithTracing(t =&gt; t.AddSource(SmoothieDiagnostics.ActivitySourceName))</c>.
/// </summary>
public static class SmoothieDiagnostics
{
    /// <summary>The name of the generator's meter (<c>"Smoothie.Diffusion"</c>), created through <c>IMeterFactory</c>.</summary>
    public const string MeterName = "Smoothie.Diffusion";

    /// <summary>The name of the activity source (<c>"Smoothie.Diffusion"</c>) of the activities <see cref="GenerateActivityName"/>, <see cref="StreamActivityName"/> and <see cref="TrainActivityName"/>.</summary>
    public const string ActivitySourceName = "Smoothie.Diffusion";

    /// <summary>One model call of the DI generator serving a batch of queued requests; linked to each request's activity.</summary>
    public const string GenerateActivityName = "smoothie.generate";

    /// <summary>One streamed generation of the DI generator, a child of the caller's activity.</summary>
    public const string StreamActivityName = "smoothie.stream";

    /// <summary>One training run (<c>SmoothiePipeline.Train</c>).</summary>
    public const string TrainActivityName = "smoothie.train";

    /// <summary>The tag naming the <c>AddSmoothie</c> registration (<c>"default"</c>, or the name of a named model).</summary>
    public const string ModelTag = "smoothie.model";

    /// <summary>The activity source; no cost while nothing listens.</summary>
    internal static ActivitySource ActivitySource { get; } = new(ActivitySourceName, Version);

    /// <summary>The version of this assembly, given to the meter and the activity source.</summary>
    internal static string? Version => typeof(SmoothieDiagnostics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
}
