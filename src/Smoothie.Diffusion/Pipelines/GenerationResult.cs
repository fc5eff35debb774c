namespace Smoothie.Diffusion.Pipelines;

/// <summary>One rewrite with what the model could represent of its input (<see cref="SmoothiePipeline.GenerateWithCoverage"/>).</summary>
/// <param name="Text">The generated text (what <see cref="SmoothiePipeline.Generate"/> returns).</param>
/// <param name="Input">How much of the input the model can represent.</param>
public sealed record GenerationResult(string Text, InputCoverage Input)
{
    /// <summary>The share of the input's tokens unknown to the model's vocabulary (<see cref="InputCoverage.UnknownTokenShare"/>).</summary>
    public double UnknownTokenShare => Input.UnknownTokenShare;
}
