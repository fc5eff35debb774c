using Smoothie.Embeddings;
using Smoothie.Runtime;
using TorchSharp;

namespace Smoothie.Testing;

/// <summary>Tiny embedding matrices and tensor assertions shared by the test projects.</summary>
public static class TinyEmbeddings
{
    /// <summary>A normalised random Gaussian embedding matrix on the CPU.</summary>
    public static EmbeddingMatrix RandomMatrix(int rows, int dim, int seed)
    {
        TorchSharpRuntime.EnsureLoaded();
        var random = new Random(seed);
        float[] values = new float[rows * dim];
        for (int i = 0; i < values.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            values[i] = (float)(0.5 + (3 * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2)));
        }

        string[] tokens = Enumerable.Range(0, rows).Select(i => $"tok{i}").ToArray();
        return EmbeddingMatrix.FromTokenEmbeddings(new TokenEmbeddings(tokens, values, dim, "test:random"));
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
