using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Tests;

/// <summary>
/// One round of the distance latent space's operations on a 3,000-token vocabulary (clean latent, noised denoiser input,
/// prediction to latent, decode, distance-softmax mix), for the tests that repeat it and measure memory.
/// </summary>
internal sealed class RepeatedDistanceOps : IDisposable
{
    /// <summary>Rounds per measurement.</summary>
    public const int Rounds = 200;

    /// <summary>
    /// The C heap growth 200 rounds must stay under: a clean run grew 3 MiB, keeping every round's scope (its tensors,
    /// ≈ 6 MB) 1,185 MiB (measured, tests/Smoothie.Latent.Tests).
    /// </summary>
    public const long Limit = 16L << 20;

    private readonly EmbeddingMatrix matrix = TestData.RandomMatrix(3000, 64, seed: 61);
    private readonly DistanceLatentSpace space;
    private readonly Generator generator = new(5);
    private readonly Tensor ids;

    public RepeatedDistanceOps()
    {
        space = new DistanceLatentSpace(matrix, sigmaMin: 1.5, chunking: new LatentChunking(1L << 20));
        ids = torch.randint(0, 3000, [4, 32], generator: generator);
    }

    /// <summary>One round; its tensors are disposed with its scope.</summary>
    public void Round() => Round(kept: null);

    /// <summary>One round; its scope goes into <paramref name="kept"/> instead of being disposed when that is given (a leak on purpose).</summary>
    public void Round(List<DisposeScope>? kept)
    {
        DisposeScope scope = NewDisposeScope();
        try
        {
            Tensor x0 = space.CleanLatent(ids);
            Tensor input = space.DenoiserInput(x0.add(torch.randn(x0.shape, generator: generator)));
            Tensor latent = space.PredictionToLatent(input);
            Tensor decoded = space.Decode(input);
            Tensor mixed = VocabularyOps.DistanceSoftmaxMix(input, matrix, 1.5);
            Assert.Equal(ids.shape, decoded.shape);
            Assert.Equal(x0.shape, latent.shape);
            Assert.Equal(input.shape, mixed.shape);
        }
        finally
        {
            if (kept is null)
            {
                scope.Dispose();
            }
            else
            {
                kept.Add(scope);
            }
        }
    }

    public void Dispose()
    {
        ids.Dispose();
        generator.Dispose();
        matrix.Dispose();
    }
}
