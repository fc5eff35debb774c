using Smoothie.Models.Configuration;
using static TorchSharp.torch;

namespace Smoothie.Models.Denoising;

/// <summary>The checks of a <see cref="DenoiserInput"/> against the <see cref="DenoiserConfig"/> of the model it is fed to.</summary>
internal static class DenoiserInputValidator
{
    /// <summary>Checks <paramref name="input"/> against <paramref name="config"/>; returns its batch size and target length.</summary>
    /// <exception cref="ArgumentException">A tensor is missing, superfluous, or of the wrong shape/dtype.</exception>
    public static (long Batch, long Length) Validate(DenoiserConfig config, DenoiserInput input)
    {
        int d = config.EffectiveEmbeddingSize;
        Tensor noisy = input.Noisy ?? throw new ArgumentException("The noisy input is required.", nameof(input));
        if (noisy.dim() != 3 || noisy.shape[2] != d || !noisy.is_floating_point())
        {
            throw new ArgumentException($"{nameof(DenoiserInput.Noisy)} must be a floating-point [B, L, {d}] tensor, got {noisy.dtype} [{Shape(noisy)}].", nameof(input));
        }

        long batch = noisy.shape[0];
        long length = noisy.shape[1];
        if (length > config.MaxTargetLength || length == 0)
        {
            throw new ArgumentException($"{nameof(DenoiserInput.Noisy)} has length {length}; this model accepts 1..{config.MaxTargetLength} positions.", nameof(input));
        }

        Tensor time = input.Time ?? throw new ArgumentException("The times are required.", nameof(input));
        if (time.dim() != 1 || time.shape[0] != batch || !time.is_floating_point())
        {
            throw new ArgumentException($"{nameof(DenoiserInput.Time)} must be a floating-point [{batch}] tensor, got {time.dtype} [{Shape(time)}].", nameof(input));
        }

        if (config.IsConditional)
        {
            if (input.SourceIds is null || input.EmbeddingMatrix is null)
            {
                throw new ArgumentException($"This model is conditional ({config.Conditioning}): {nameof(DenoiserInput.SourceIds)} and {nameof(DenoiserInput.EmbeddingMatrix)} are required.", nameof(input));
            }

            if (input.SourceIds.dim() != 2 || input.SourceIds.shape[0] != batch)
            {
                throw new ArgumentException($"{nameof(DenoiserInput.SourceIds)} must be [{batch}, S], got [{Shape(input.SourceIds)}].", nameof(input));
            }

            if (input.SourceIds.shape[1] > config.MaxSourceLength || input.SourceIds.shape[1] == 0)
            {
                throw new ArgumentException($"{nameof(DenoiserInput.SourceIds)} has length {input.SourceIds.shape[1]}; this model accepts 1..{config.MaxSourceLength} source positions.", nameof(input));
            }

            if (input.SourcePaddingMask is { } mask && (mask.dtype != ScalarType.Bool || !mask.shape.SequenceEqual(input.SourceIds.shape)))
            {
                throw new ArgumentException(
                    $"{nameof(DenoiserInput.SourcePaddingMask)} must be a bool tensor shaped like the source ids [{Shape(input.SourceIds)}], got {mask.dtype} [{Shape(mask)}].",
                    nameof(input));
            }
        }
        else if (input.SourceIds is not null)
        {
            throw new ArgumentException("This model is unconditional; the source ids must be null.", nameof(input));
        }

        if (config.IsSourceAligned && length != config.AlignedSlotsPerSourceToken * input.SourceIds!.shape[1])
        {
            throw new ArgumentException(
                $"This model lays the target out against the source ({config.AlignedSlotsPerSourceToken} slots per source position): a source of {input.SourceIds.shape[1]} positions needs {config.AlignedSlotsPerSourceToken * input.SourceIds.shape[1]} target positions, got {length}.",
                nameof(input));
        }

        if (input.SelfCondition is { } previous)
        {
            if (!config.UseSelfConditioning)
            {
                throw new ArgumentException("This model has no self-conditioning; the self-condition must be null.", nameof(input));
            }

            if (!previous.shape.SequenceEqual(noisy.shape))
            {
                throw new ArgumentException($"{nameof(DenoiserInput.SelfCondition)} must have the shape of the noisy input [{Shape(noisy)}], got [{Shape(previous)}].", nameof(input));
            }
        }

        return (batch, length);
    }

    private static string Shape(Tensor tensor) => string.Join(", ", tensor.shape);
}
