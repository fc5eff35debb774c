using Smoothie.Embeddings;
using Smoothie.Runtime;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Smoothie.Latent.Tests;

/// <summary>Synthetic vocabularies and small helpers shared by the tests.</summary>
internal static class TestData
{
    /// <summary>A random Gaussian table (mean <paramref name="mean"/>, std <paramref name="std"/>) with tokens tok0, tok1, ….</summary>
    public static TokenEmbeddings RandomTable(int rows, int dim, int seed, double mean = 0.3, double std = 2.0, Func<int, string>? tokenName = null)
    {
        var random = new Random(seed);
        float[] values = new float[rows * dim];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(mean + (std * Gaussian(random)));
        }

        string[] tokens = Enumerable.Range(0, rows).Select(i => tokenName?.Invoke(i) ?? $"tok{i}").ToArray();
        return new TokenEmbeddings(tokens, values, dim, "test:random");
    }

    /// <summary>
    /// Asserts equal shapes and |expected − actual| ≤ 1e-5·(1 + |expected|) everywhere (BLAS may order a dot product
    /// differently for other row counts, so chunked and unchunked paths agree to rounding, not bit for bit).
    /// </summary>
    public static void AssertClose(TorchSharp.torch.Tensor expected, TorchSharp.torch.Tensor actual, string context)
    {
        Assert.Equal(expected.shape, actual.shape);
        using TorchSharp.torch.Tensor excess = (expected - actual).abs().sub_(expected.abs().add(1).mul_(1e-5));
        double worst = expected.numel() == 0 ? 0 : excess.max().item<float>();
        Assert.True(worst <= 0, $"{context}: difference exceeds 1e-5·(1 + |value|) by {worst}");
    }

    /// <summary>A normalised random matrix on the CPU.</summary>
    public static EmbeddingMatrix RandomMatrix(int rows, int dim, int seed)
    {
        TorchSharpRuntime.EnsureLoaded();
        return EmbeddingMatrix.FromTokenEmbeddings(RandomTable(rows, dim, seed));
    }

    public static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Resident and peak resident memory of this process, in bytes (Linux /proc).</summary>
    public static (long Rss, long Peak) Memory()
    {
        long rss = 0, peak = 0;
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = ParseKb(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = ParseKb(line);
            }
        }

        return (rss, peak);
    }

    /// <summary>Resets the kernel's peak-RSS counter (VmHWM) to the current RSS.</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static long ParseKb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
}

/// <summary>Exact tensor comparison (TorchSharp's <c>Tensor.equal</c> is element-wise).</summary>
internal static class TensorAssertions
{
    public static bool IsEqualTo(this TorchSharp.torch.Tensor actual, TorchSharp.torch.Tensor expected)
    {
        if (!actual.shape.SequenceEqual(expected.shape))
        {
            return false;
        }

        using var scope = TorchSharp.torch.NewDisposeScope();
        return actual.numel() == 0 || actual.eq(expected).all().item<bool>();
    }
}
