namespace Smoothie.Diffusion.Pipelines;

/// <summary>One streamed state of a generation: the text decoded from the current estimate.</summary>
/// <param name="Step">1-based step index; the last update has <c>Step == TotalSteps</c> and the final text.</param>
/// <param name="TotalSteps">The number of steps.</param>
/// <param name="Time">The diffusion time t of the estimate.</param>
/// <param name="Text">The decoded text.</param>
public sealed record GenerationUpdate(int Step, int TotalSteps, double Time, string Text);
