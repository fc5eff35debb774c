using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Latent.Tests;

public sealed class LatentSpaceTests : IDisposable
{
    private const int V = 3000;
    private const int Dim = 64;
    private readonly EmbeddingMatrix matrix;

    public LatentSpaceTests()
    {
        TorchSharpRuntime.EnsureLoaded();
        matrix = TestData.RandomMatrix(V, Dim, seed: 71);
    }

    public void Dispose() => matrix.Dispose();

    [Fact]
    public void DistanceCleanLatentArgmaxAndDecodeReturnEveryTokenItself()
    {
        var space = new DistanceLatentSpace(matrix, sigmaMin: 1.5, chunking: new LatentChunking(4L << 20));
        using var scope = NewDisposeScope();
        Tensor ids = torch.arange(V, ScalarType.Int64).reshape(3, V / 3);
        Tensor x0 = space.CleanLatent(ids);
        Assert.Equal(new long[] { 3, V / 3, V }, x0.shape);
        Assert.True(x0.argmax(-1).IsEqualTo(ids));
        Tensor own = x0.gather(-1, ids.unsqueeze(-1));
        Assert.True(own.abs().max().item<float>() < 1e-3, "a token's distance to itself must be ≈ 0");

        Tensor target = space.TrainingTarget(ids);
        Assert.Equal(new long[] { 3, V / 3, Dim }, target.shape);
        Assert.True(space.Decode(target).IsEqualTo(ids));
        Assert.True(space.PredictionToLatent(target).allclose(x0, 1e-4, 1e-3));
    }

    [Fact]
    public void DistanceCleanLatentIsScaledSquaredDistance()
    {
        var space = new DistanceLatentSpace(matrix, sigmaMin: 2.0);
        using var scope = NewDisposeScope();
        Tensor ids = torch.tensor(new long[] { 5, 17 }).reshape(1, 2);
        Tensor x0 = space.CleanLatent(ids);
        Tensor expected = (matrix.Weights[5] - matrix.Weights[123]).square().sum().neg().div(8.0);
        Assert.Equal(expected.item<float>(), x0[0, 0, 123].item<float>(), 3);
        Assert.Equal("distance", space.Name);
        Assert.Equal(V, space.LatentDimension);
        Assert.Equal(Dim, space.InputDimension);
        Assert.Equal(Dim, space.PredictionDimension);
        Assert.Equal(LatentLossKind.EmbeddingMse, space.LossKind);
    }

    [Fact]
    public void DistanceDenoiserInputOfCleanLatentIsTheEmbedding()
    {
        // At σ_min = 1.5 the clean latent is so peaked that softmax(x0)·E ≈ E_w.
        var space = new DistanceLatentSpace(matrix, sigmaMin: 1.5);
        using var scope = NewDisposeScope();
        Tensor ids = torch.randint(0, V, [4, 6], generator: new Generator(2));
        Tensor input = space.DenoiserInput(space.CleanLatent(ids));
        Assert.True(input.allclose(space.TrainingTarget(ids), 1e-3, 1e-3));
    }

    [Fact]
    public void SimplexLatentsTargetsAndDecode()
    {
        var space = new SimplexLatentSpace(matrix, k: 5);
        using var scope = NewDisposeScope();
        Tensor ids = torch.randint(0, V, [2, 7], generator: new Generator(3));
        Tensor x0 = space.CleanLatent(ids);
        Assert.Equal(new long[] { 2, 7, V }, x0.shape);
        Assert.True(x0.gather(-1, ids.unsqueeze(-1)).eq(5).all().item<bool>());
        Assert.Equal(-5.0 * ((2 * 7 * V) - 14), x0.sum().item<float>() - (5.0 * 14), 0);

        Tensor logits = torch.randn([2, 7, V], generator: new Generator(4));
        Tensor decoded = space.Decode(logits);
        Assert.True(decoded.IsEqualTo(logits.argmax(-1)));
        Assert.True(space.PredictionToLatent(logits).IsEqualTo(space.CleanLatent(decoded)));
        Assert.True(space.TrainingTarget(ids).IsEqualTo(ids));
        Assert.Equal(LatentLossKind.TokenCrossEntropy, space.LossKind);
        Assert.Equal(V, space.PredictionDimension);
        Tensor input = space.DenoiserInput(x0);
        Assert.Equal(new long[] { 2, 7, Dim }, input.shape);
        Assert.True(input.allclose(VocabularyOps.SoftmaxMix(x0, matrix), 1e-5, 1e-5));
    }

    [Fact]
    public void EmbeddingLatentsAreEmbeddingsAndCopies()
    {
        var space = new EmbeddingLatentSpace(matrix);
        using var scope = NewDisposeScope();
        Tensor ids = torch.randint(0, V, [3, 5], generator: new Generator(5));
        Tensor x0 = space.CleanLatent(ids);
        Assert.True(x0.IsEqualTo(matrix.Weights.index_select(0, ids.flatten()).reshape(3, 5, Dim)));
        Tensor input = space.DenoiserInput(x0);
        input.add_(1);
        Assert.True(x0.IsEqualTo(space.CleanLatent(ids)), "the input must not alias x_t");
        Assert.True(space.Decode(x0).IsEqualTo(ids));
        Assert.Equal(Dim, space.LatentDimension);
    }

    [Fact]
    public void PriorSampleHasLatentShapeAndScale()
    {
        foreach (ILatentSpace space in Spaces())
        {
            using var scope = NewDisposeScope();
            Tensor prior = space.PriorSample(4, 10, 2.5, new Generator(6));
            Assert.Equal(new long[] { 4, 10, space.LatentDimension }, prior.shape);
            Assert.Equal(2.5, prior.std().item<float>(), 1);
            Assert.True(space.PriorSample(4, 10, 2.5, new Generator(6)).IsEqualTo(prior), "same seed, same sample");
            Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => space.PriorSample(1, 1, -1, null)).ParamName);
        }
    }

    [Fact]
    public void SpacesRejectBadIdsAndMismatchedShapes()
    {
        foreach (ILatentSpace space in Spaces())
        {
            using var scope = NewDisposeScope();
            Assert.Equal("tokenIds", Assert.Throws<ArgumentException>(() => space.CleanLatent(torch.tensor(new long[] { 0, V }).reshape(1, 2))).ParamName);
            Assert.Equal("tokenIds", Assert.Throws<ArgumentException>(() => space.CleanLatent(torch.tensor(new long[] { -1 }).reshape(1, 1))).ParamName);
            Assert.Equal("tokenIds", Assert.Throws<ArgumentException>(() => space.TrainingTarget(torch.zeros(1, 2))).ParamName);
            Assert.Equal("noisyLatent", Assert.Throws<ArgumentException>(() => space.DenoiserInput(torch.zeros(1, 2, space.LatentDimension + 1))).ParamName);
            Assert.Equal("prediction", Assert.Throws<ArgumentException>(() => space.PredictionToLatent(torch.zeros(1, 2, space.PredictionDimension + 1))).ParamName);
            Assert.Equal("prediction", Assert.Throws<ArgumentException>(() => space.Decode(torch.zeros(space.PredictionDimension))).ParamName);
        }

        Assert.Equal("sigmaMin", Assert.Throws<ArgumentOutOfRangeException>(() => new DistanceLatentSpace(matrix, sigmaMin: 0)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => new SimplexLatentSpace(matrix, k: -1)).ParamName);
    }

    [Fact]
    public void RestrictedSpaceDistancesAreTheKeptColumnsOfTheFullSpace()
    {
        SubVocabulary sub = SubVocabulary.FromTargets([[10, 20, 30], [20, 2999]], [0], V);
        using EmbeddingMatrix restricted = matrix.Restrict(sub);
        var full = new DistanceLatentSpace(matrix, sigmaMin: 1.5);
        var small = new DistanceLatentSpace(restricted, sigmaMin: 1.5);
        using var scope = NewDisposeScope();
        Tensor original = torch.tensor(new long[] { 10, 20, 30, 2999, 0 }).reshape(1, 5);
        Tensor subIds = sub.ToSub(original);
        Tensor kept = full.CleanLatent(original).index_select(-1, sub.OriginalIdsTensor());
        Assert.True(small.CleanLatent(subIds).allclose(kept, 1e-5, 1e-4));
        Assert.True(sub.ToOriginal(small.Decode(small.TrainingTarget(subIds))).IsEqualTo(original));
    }

    [Fact]
    public void RandomShapesAllSpacesKeepTheContractShapes()
    {
        var random = new Random(99);
        for (int trial = 0; trial < 10; trial++)
        {
            using var scope = NewDisposeScope();
            long b = random.Next(1, 4), l = random.Next(1, 6);
            Tensor ids = torch.randint(0, V, [b, l], generator: new Generator((ulong)trial));
            foreach (ILatentSpace space in Spaces(new LatentChunking(random.Next(1, 50_000))))
            {
                Tensor x0 = space.CleanLatent(ids);
                Assert.Equal(new[] { b, l, space.LatentDimension }, x0.shape);
                Assert.Equal(new[] { b, l, space.InputDimension }, space.DenoiserInput(x0).shape);
                Tensor prediction = space.LossKind == LatentLossKind.EmbeddingMse
                    ? space.TrainingTarget(ids)
                    : torch.nn.functional.one_hot(ids, V).to(ScalarType.Float32);
                Assert.Equal(new[] { b, l, space.PredictionDimension }, prediction.shape);
                Assert.True(space.Decode(prediction).IsEqualTo(ids));
                Assert.Equal(x0.shape, space.PredictionToLatent(prediction).shape);
            }
        }
    }

    private IEnumerable<ILatentSpace> Spaces(LatentChunking? chunking = null) =>
    [
        new DistanceLatentSpace(matrix, sigmaMin: 1.5, chunking: chunking),
        new EmbeddingLatentSpace(matrix, chunking),
        new SimplexLatentSpace(matrix, k: 5, chunking: chunking),
    ];
}
