using Smoothie.Embeddings;
using Smoothie.Runtime;
using TorchSharp;

namespace Smoothie.Testing;

/// <summary>Tiny embedding matrices and tensor assertions shared by the test projects.</summary>
public static class TinyEmbeddings
{
    /// <summary>
    /// A normalised random Gaussian embedding matrix on the CPU (mean <paramref name="mean"/>, std <paramref name="std"/>
    /// before normalisation; tokens tok0, tok1, …).
    /// </summary>
    public static EmbeddingMatrix RandomMatrix(int rows, int dim, int seed, double mean = 0.5, double std = 3.0)
    {
        TorchSharpRuntime.EnsureLoaded();
        return EmbeddingMatrix.FromTokenEmbeddings(RandomTable(rows, dim, seed, mean, std));
    }

    /// <summary>A random Gaussian table (mean <paramref name="mean"/>, std <paramref name="std"/>) with tokens tok0, tok1, … (or <paramref name="tokenName"/>'s).</summary>
    public static TokenEmbeddings RandomTable(int rows, int dim, int seed, double mean = 0.5, double std = 3.0, Func<int, string>? tokenName = null)
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

    /// <summary>A standard normal draw (Box–Muller; two uniforms of <paramref name="random"/>).</summary>
    public static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Exact tensor comparison (TorchSharp's <c>Tensor.equal</c> is element-wise).</summary>
    public static bool IsEqualTo(this torch.Tensor actual, torch.Tensor expected)
    {
        if (!actual.shape.SequenceEqual(expected.shape))
        {
            return false;
        }

        using var scope = torch.NewDisposeScope();
        return actual.numel() == 0 || actual.eq(expected).all().item<bool>();
    }
}
