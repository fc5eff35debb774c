using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Models.Blocks;

/// <summary>Builds the boolean masks <c>scaled_dot_product_attention</c> expects from key-padding masks.</summary>
internal static class AttentionMask
{
    /// <summary>
    /// Turns a key-padding mask <c>[B, S]</c> (<see langword="true"/> = real token) into an attention mask
    /// <c>[B, 1, 1, S]</c> that broadcasts over heads and queries (<see langword="true"/> = may attend).
    /// </summary>
    /// <param name="keyPaddingMask">Boolean <c>[B, S]</c>; <see langword="null"/> means every key is real.</param>
    /// <returns>The broadcastable mask, or <see langword="null"/> when <paramref name="keyPaddingMask"/> is null.</returns>
    /// <exception cref="ArgumentException">The mask is not a 2-D boolean tensor.</exception>
    public static Tensor? FromKeyPadding(Tensor? keyPaddingMask)
    {
        if (keyPaddingMask is null)
        {
            return null;
        }

        if (keyPaddingMask.dim() != 2 || keyPaddingMask.dtype != ScalarType.Bool)
        {
            throw new ArgumentException(
                $"A key-padding mask must be a boolean [B, S] tensor, got {keyPaddingMask.dtype} of shape [{string.Join(", ", keyPaddingMask.shape)}].",
                nameof(keyPaddingMask));
        }

        return keyPaddingMask.unsqueeze(1).unsqueeze(1);
    }
}
