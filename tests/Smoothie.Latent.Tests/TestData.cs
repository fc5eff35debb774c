using Smoothie.Embeddings;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Smoothie.Latent.Tests;

/// <summary>Synthetic vocabularies and small helpers shared by the tests.</summary>
internal static class TestData
{
    /// <summary>A random Gaussian table (mean <paramref name="mean"/>, std <paramref name="std"/>) with tokens tok0, tok1, ….</summary>
    public static TokenEmbeddings RandomTable(int rows, int dim, int seed, double mean = 0.3, double std = 2.0, Func<int, string>? tokenName = null) =>
        TinyEmbeddings.RandomTable(rows, dim, seed, mean, std, tokenName);

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

    /// <summary>A normalised random matrix on the CPU (this project's table: mean 0.3, std 2).</summary>
    public static EmbeddingMatrix RandomMatrix(int rows, int dim, int seed) => TinyEmbeddings.RandomMatrix(rows, dim, seed, mean: 0.3, std: 2.0);
}
