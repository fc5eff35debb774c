using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Spaces;

/// <summary>Argument checks shared by the latent spaces and vocabulary operations.</summary>
internal static class LatentArguments
{
    /// <summary>Integer ids of any rank ≥ 1 with every value in <c>[0, vocabularySize)</c>, on <paramref name="device"/>.</summary>
    public static void RequireTokenIds(Tensor ids, long vocabularySize, Device device, string paramName)
    {
        ArgumentNullException.ThrowIfNull(ids, paramName);
        if (ids.dtype is not (ScalarType.Int64 or ScalarType.Int32 or ScalarType.Int16 or ScalarType.Int8 or ScalarType.Byte))
        {
            throw new ArgumentException($"Token ids must be an integer tensor, got {ids.dtype}.", paramName);
        }

        if (ids.dim() < 1)
        {
            throw new ArgumentException("Token ids must have at least one dimension ([B, L] expected), got a scalar.", paramName);
        }

        RequireDevice(ids, device, paramName);
        if (ids.numel() == 0)
        {
            return;
        }

        using var scope = NewDisposeScope();
        long min = ids.min().item<long>();
        long max = ids.max().item<long>();
        if (min < 0 || max >= vocabularySize)
        {
            throw new ArgumentException(
                $"Token id {(min < 0 ? min : max)} is outside the vocabulary [0, {vocabularySize}).", paramName);
        }
    }

    /// <summary>A floating tensor of rank ≥ 2 whose last dimension is <paramref name="width"/>, on <paramref name="device"/>.</summary>
    public static void RequireRows(Tensor x, long width, Device device, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(x, paramName);
        if (!x.is_floating_point())
        {
            throw new ArgumentException($"The {what} must be a floating-point tensor, got {x.dtype}.", paramName);
        }

        if (x.dim() < 2)
        {
            throw new ArgumentException(
                $"The {what} must have shape [..., {width}] with at least two dimensions, got [{string.Join(", ", x.shape)}].", paramName);
        }

        if (x.shape[^1] != width)
        {
            throw new ArgumentException(
                $"The {what} must have last dimension {width}, got shape [{string.Join(", ", x.shape)}].", paramName);
        }

        RequireDevice(x, device, paramName);
    }

    /// <summary>
    /// A floating tensor <c>[rows, width]</c> with one row per row of <paramref name="source"/> (all but its last
    /// dimension flattened), on <paramref name="source"/>'s device, contiguous (it is written in place).
    /// </summary>
    public static void RequireDestination(Tensor destination, Tensor source, long width, string paramName)
    {
        ArgumentNullException.ThrowIfNull(destination, paramName);
        long rows = source.dim() == 0 ? 0 : source.numel() / Math.Max(1, source.shape[^1]);
        if (!destination.is_floating_point() || destination.dim() != 2 || destination.shape[0] != rows || destination.shape[1] != width)
        {
            throw new ArgumentException(
                $"The destination must be a floating-point tensor [{rows}, {width}] (one latent row per prediction row), got {destination.dtype} [{string.Join(", ", destination.shape)}].",
                paramName);
        }

        if (!destination.is_contiguous())
        {
            throw new ArgumentException("The destination must be contiguous (it is written in place).", paramName);
        }

        if (destination.device_type != source.device_type || destination.device_index != source.device_index)
        {
            throw new ArgumentException($"The destination is on {destination.device} but the prediction is on {source.device}.", paramName);
        }
    }

    public static void RequireDevice(Tensor x, Device device, string paramName)
    {
        if (x.device_type != device.type || (device.type != DeviceType.CPU && x.device_index != device.index))
        {
            throw new ArgumentException($"The tensor is on {x.device} but the embedding matrix is on {device}.", paramName);
        }
    }

    public static void RequirePositiveFinite(double value, string paramName)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, "Expected a positive finite number.");
        }
    }

    /// <summary>The shape of <paramref name="x"/> with the last dimension replaced by <paramref name="last"/> (or dropped when null).</summary>
    public static long[] ReplaceLast(Tensor x, long? last)
    {
        long[] shape = x.shape;
        return last is long value ? [.. shape[..^1], value] : shape[..^1];
    }
}
