using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using static TorchSharp.torch;

namespace Smoothie.Latent.Tests;

public sealed class DistancePosteriorTests
{
    [Fact]
    public void PosteriorEqualsTheBruteForceGaussianLikelihoodOverEveryCleanLatent()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using EmbeddingMatrix e = TestData.RandomMatrix(40, 6, seed: 3);
        var space = new DistanceLatentSpace(e, sigmaMin: 2.0, inputMode: DistanceInputMode.Posterior);
        manual_seed(7);
        Tensor ids = randint(0, 40, [3, 5]);
        Tensor mu = tensor(new[] { 0.9f, 0.05f, 0.002f });
        Tensor std = tensor(new[] { 0.3f, 1.0f, 1.0f });
        Tensor x = (space.CleanLatent(ids) * mu.view(-1, 1, 1)) + (randn(3, 5, 40) * std.view(-1, 1, 1));

        Tensor cleanAll = space.CleanLatent(arange(40).unsqueeze(0)).squeeze(0).to_type(ScalarType.Float64); // [V, V]
        Tensor x64 = x.to_type(ScalarType.Float64);
        Tensor m = mu.to_type(ScalarType.Float64).view(-1, 1, 1);
        Tensor s2 = std.to_type(ScalarType.Float64).square().view(-1, 1, 1);
        Tensor expected = ((m * x64.matmul(cleanAll.t())) - (m * m * cleanAll.square().sum(1) / 2)).div(s2).softmax(-1);

        Tensor actual = DistancePosterior.Probabilities(x, mu, std, e, 2.0, DistancePosterior.CleanSquaredNorms(e, 2.0, blockRows: 7));
        Assert.True(allclose(actual.to_type(ScalarType.Float64), expected, rtol: 1e-3, atol: 1e-4), $"max |Δ| = {(actual.to_type(ScalarType.Float64) - expected).abs().max().item<double>()}");
        Tensor input = space.DenoiserInput(x, mu, std);
        Assert.True(allclose(input, actual.matmul(e.Weights), rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public void PosteriorKeepsTheTokenWhereSoftmaxOfTheLatentHasLostIt()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using EmbeddingMatrix e = TestData.RandomMatrix(500, 16, seed: 4);
        var posterior = new DistanceLatentSpace(e, sigmaMin: 1.5, inputMode: DistanceInputMode.Posterior);
        var paper = new DistanceLatentSpace(e, sigmaMin: 1.5);
        manual_seed(8);
        Tensor ids = randint(0, 500, [1, 64]);
        Tensor mu = tensor(new[] { 0.1f });  // smoothing width σ_min/√μ ≈ 3·σ_min, unit noise
        Tensor std = tensor(new[] { 1.0f });
        Tensor x = (posterior.CleanLatent(ids) * 0.1f) + randn(1, 64, 500);

        double softmaxWeight = x.softmax(-1).gather(-1, ids.unsqueeze(-1)).mean().item<float>();
        Tensor p = DistancePosterior.Probabilities(x, mu, std, e, 1.5, DistancePosterior.CleanSquaredNorms(e, 1.5));
        double posteriorWeight = p.gather(-1, ids.unsqueeze(-1)).mean().item<float>();
        Assert.True(softmaxWeight < 0.05, $"softmax(x_t) still weights the true token {softmaxWeight:F3}");
        Assert.True(posteriorWeight > 0.5, $"the posterior weights the true token only {posteriorWeight:F3}");

        // The paper's mode ignores μ and std.
        Assert.True(allclose(paper.DenoiserInput(x, mu, std), paper.DenoiserInput(x)));
    }

    [Fact]
    public void BadShapesNameTheArgument()
    {
        Smoothie.Runtime.TorchSharpRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using EmbeddingMatrix e = TestData.RandomMatrix(10, 4, seed: 5);
        var ex = Assert.Throws<ArgumentException>(() => DistancePosterior.Probabilities(zeros(2, 3, 10), ones(3), ones(2), e, 1.5, ones(10)));
        Assert.Equal("noisyLatent", ex.ParamName);
    }
}
