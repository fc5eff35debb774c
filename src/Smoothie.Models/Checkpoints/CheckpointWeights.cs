namespace Smoothie.Models.Checkpoints;

/// <summary>Which weights to take from a training checkpoint that holds both the trained and the averaged ones.</summary>
public enum CheckpointWeights
{
    /// <summary>The trained weights (the authors' <c>"model"</c> entry). A bare state dict always gives these.</summary>
    Model,

    /// <summary>
    /// The exponential moving average of the weights (the authors' <c>"ema"</c> entry, whose <c>shadow_params</c> follow
    /// the order of <c>model.parameters()</c>; see <see cref="ReferenceParameterOrder"/>). The authors sample with these.
    /// </summary>
    ExponentialMovingAverage,

    /// <summary>The EMA weights when the file has them (the authors' trainer checkpoint), otherwise the model weights.</summary>
    PreferExponentialMovingAverage,
}
