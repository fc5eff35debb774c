using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Tests;

/// <summary>
/// The fused denoiser inputs with per-sequence noise streams (<see cref="SequenceNoise"/>): a sequence's input does not
/// depend on the other sequences of the batch, on its position or on the block size.
/// </summary>
public sealed class FusedInputSequenceNoiseTests : IDisposable
{
    private const int Length = 5;
    private const ulong Key = 77;
    private static readonly ulong[][] Batches = [[Key, 1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, Key, 6, 7], [3, Key]];

    private readonly EmbeddingMatrix matrix;

    public FusedInputSequenceNoiseTests()
    {
        TorchSharpRuntime.EnsureLoaded();
        matrix = TestData.RandomMatrix(120, 8, seed: 4);
    }

    public void Dispose() => matrix.Dispose();

    [Fact]
    public void ThePriorInputOfASequenceIsTheSameAloneAndAtAnyPositionOfABatch()
    {
        foreach (DistanceLatentSpace space in Spaces())
        {
            using var scope = NewDisposeScope();
            Tensor alone = space.FusedPriorInput(1, Length, 3.0, new SequenceNoise(2, [Key], Length))[0];
            foreach (ulong[] keys in Batches)
            {
                Tensor batch = space.FusedPriorInput(keys.Length, Length, 3.0, new SequenceNoise(2, keys, Length));
                TestData.AssertClose(alone, batch[Array.IndexOf(keys, Key)], $"{space.Chunking}, batch of {keys.Length}");
            }
        }
    }

    [Fact]
    public void TheRenoisedInputOfASequenceIsTheSameAloneAndAtAnyPositionOfABatch()
    {
        foreach (DistanceLatentSpace space in Spaces())
        {
            using var scope = NewDisposeScope();
            var gen = new Generator(8);
            Tensor mine = torch.randn([Length, 8], generator: gen);
            var noise = new SequenceNoise(5, [Key], Length).ForDraw(3);
            Tensor alone = space.FusedRenoisedInput(mine.unsqueeze(0), 0.8, 1.7, noise)[0];
            foreach (ulong[] keys in Batches)
            {
                int at = Array.IndexOf(keys, Key);
                Tensor predictions = torch.randn([keys.Length, Length, 8], generator: gen);
                predictions[at] = mine;
                Tensor batch = space.FusedRenoisedInput(predictions, 0.8, 1.7, new SequenceNoise(5, keys, Length).ForDraw(3));
                TestData.AssertClose(alone, batch[at], $"{space.Chunking}, batch of {keys.Length}");
            }
        }
    }

    [Fact]
    public void TheTrainingInputOfASequenceIsTheSameAloneAndAtAnyPositionOfABatch()
    {
        foreach (DistanceLatentSpace space in Spaces())
        {
            using var scope = NewDisposeScope();
            var gen = new Generator(9);
            Tensor mine = torch.randint(0, 120, [Length], generator: gen);
            Tensor alone = space.FusedTrainingInput(mine.unsqueeze(0), torch.full(1, 0.6f), torch.full(1, 2.0f), new SequenceNoise(6, [Key], Length))[0];
            foreach (ulong[] keys in Batches)
            {
                int at = Array.IndexOf(keys, Key);
                Tensor ids = torch.randint(0, 120, [keys.Length, Length], generator: gen);
                ids[at] = mine;
                Tensor batch = space.FusedTrainingInput(ids, torch.full(keys.Length, 0.6f), torch.full(keys.Length, 2.0f), new SequenceNoise(6, keys, Length));
                TestData.AssertClose(alone, batch[at], $"{space.Chunking}, batch of {keys.Length}");
            }
        }
    }

    [Fact]
    public void DifferentSeedsGiveDifferentInputs()
    {
        DistanceLatentSpace space = Spaces()[0];
        using var scope = NewDisposeScope();
        Tensor one = space.FusedPriorInput(2, Length, 3.0, new SequenceNoise(1, [1, 2], Length));
        Tensor two = space.FusedPriorInput(2, Length, 3.0, new SequenceNoise(2, [1, 2], Length));
        Assert.False(one.allclose(two), "seed 1 and seed 2 drew the same prior");
    }

    [Fact]
    public void StreamsOfAnotherShapeThanTheInputAreRejected()
    {
        DistanceLatentSpace space = Spaces()[0];
        var streams = new SequenceNoise(1, [1, 2], Length);
        var e = Assert.Throws<ArgumentException>(() => space.FusedPriorInput(3, Length, 1.0, streams));
        Assert.Equal("streams", e.ParamName);
        Assert.Contains("2 sequences of 5 positions; the input has 3 of 5", e.Message);
        using Tensor prediction = torch.zeros([2, Length + 1, 8]);
        Assert.Throws<ArgumentException>(() => space.FusedRenoisedInput(prediction, 0.5, 1.0, streams));
    }

    /// <summary>The space with blocks of 3 rows (a sequence's rows split across blocks) and unbounded blocks.</summary>
    private DistanceLatentSpace[] Spaces() =>
    [
        new DistanceLatentSpace(matrix, sigmaMin: 1.5, new LatentChunking(120 * 4 * 3)),
        new DistanceLatentSpace(matrix, sigmaMin: 1.5, LatentChunking.Unbounded),
    ];
}
