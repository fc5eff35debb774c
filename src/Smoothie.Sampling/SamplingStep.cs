namespace Smoothie.Sampling;

/// <summary>An intermediate state of generation, for streaming: the current decoded token ids of every sequence.</summary>
/// <param name="Index">1-based step index (the last equals the number of steps).</param>
/// <param name="Time">The time t of the prediction.</param>
/// <param name="TokenIds">Decoded ids <c>[B][L]</c> of the current clean estimate.</param>
public sealed record SamplingStep(int Index, double Time, long[][] TokenIds);
