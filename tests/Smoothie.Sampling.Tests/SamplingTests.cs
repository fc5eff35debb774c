using Smoothie.Schedulers;
using Smoothie.Runtime;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Sampling.Tests;

/// <summary>The latent spaces and schedules together: the smoothing curve and sampling with an oracle denoiser.</summary>
public sealed class SamplingTests : IDisposable
{
    private readonly EmbeddingMatrix matrix = TinyEmbeddings.RandomMatrix(3000, 64, seed: 7);

    public void Dispose() => matrix.Dispose();

    public static TheoryData<string, string, string> OracleCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach ((string space, string[] schedules) in new[]
        {
            ("distance", new[] { "arctan", "cosine" }),
            ("embedding", new[] { "cosine-sd", "cosine", "sqrt" }),
            ("simplex", new[] { "tess", "cosine" }),
        })
        {
            foreach (string schedule in schedules)
            {
                foreach (string step in ReverseSteps.Names)
                {
                    if (step != ReverseSteps.Sde || NoiseSchedules.Create(schedule).SupportsSde)
                    {
                        data.Add(space, schedule, step);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OracleCases))]
    public void OracleDenoiserWith20StepsRecoversTheTokens(string spaceName, string scheduleName, string stepName)
    {
        using EmbeddingMatrix small = TinyEmbeddings.RandomMatrix(500, 32, seed: 11);
        ILatentSpace space = spaceName switch
        {
            "distance" => new DistanceLatentSpace(small, sigmaMin: 1.5),
            "embedding" => new EmbeddingLatentSpace(small),
            _ => new SimplexLatentSpace(small, TessParameters.Default.K),
        };
        INoiseSchedule schedule = NoiseSchedules.Create(scheduleName);
        IReverseStep step = ReverseSteps.Create(stepName);
        var gen = new Generator(5);
        using Tensor truth = torch.randint(0, 500, [2, 8], generator: gen);
        using Tensor oracle = space.LossKind == LatentLossKind.EmbeddingMse
            ? space.TrainingTarget(truth)
            : torch.nn.functional.one_hot(truth, 500).to(ScalarType.Float32);

        Tensor x = space.PriorSample(2, 8, schedule.PriorScale, gen);
        foreach ((double t, double tNext) in new TimeGrid(20).StepPairs())
        {
            using var scope = NewDisposeScope();
            Tensor input = space.DenoiserInput(x);
            Assert.Equal(new long[] { 2, 8, space.InputDimension }, input.shape);
            Tensor cleanEstimate = space.PredictionToLatent(oracle);
            Tensor next = step.Step(x, cleanEstimate, t, tNext, schedule, gen).MoveToOuterDisposeScope();
            x.Dispose();
            x = next;
            Assert.True(x.isfinite().all().item<bool>(), $"non-finite latent at t = {tNext}");
        }

        using (x)
        using (Tensor decoded = space.Decode(oracle))
        {
            Assert.True(decoded.IsEqualTo(truth), "decode of the last prediction");

            // The final latent itself carries the tokens too. Exception (measured): Euler–Maruyama with 20 steps on the
            // arctan schedule, whose β(t) reaches ≈ 700 near t = 0 (β·dt ≈ −35), does not land on the clean latent;
            // there only the decode of the last prediction (what the sampler outputs) is checked.
            if (!(stepName == ReverseSteps.Sde && scheduleName == "arctan"))
            {
                using Tensor fromLatent = space.Name == "embedding" ? space.Decode(x) : x.argmax(-1);
                Assert.True(fromLatent.IsEqualTo(truth), "nearest token of the final latent");
            }
        }
    }

    [Fact]
    public void DistanceAtSmallTimeEveryTokenIsTheArgmaxOfItsNoisyLatent()
    {
        var space = new DistanceLatentSpace(matrix, sigmaMin: 1.5, chunking: new LatentChunking(8L << 20));
        var schedule = new ArctanSchedule();
        using var scope = NewDisposeScope();
        Tensor ids = torch.arange(3000, ScalarType.Int64).reshape(10, 300);
        Tensor x0 = space.CleanLatent(ids);
        Assert.True(x0.argmax(-1).IsEqualTo(ids));
        Tensor xt = ForwardProcess.AddNoise(x0, schedule.Mu(0.001), schedule.Std(0.001), new Generator(1));
        Assert.True(xt.argmax(-1).IsEqualTo(ids));
    }

    [Fact]
    public void DistanceAtTimeOneSoftmaxEntropyApproachesLogV()
    {
        var space = new DistanceLatentSpace(matrix, sigmaMin: 1.5);
        double logV = Math.Log(3000);
        using var scope = NewDisposeScope();
        Tensor ids = torch.randint(0, 3000, [4, 50], generator: new Generator(2));
        Tensor x0 = space.CleanLatent(ids);

        // Smoothing alone (μ_t·x0): the distribution becomes uniform over the vocabulary.
        var schedule = new ArctanSchedule();
        Assert.True(logV - Entropy(x0 * schedule.Mu(1.0)) < 1e-3);
        Assert.True(logV - Entropy(x0 * schedule.Mu(0.01)) > 0.5, "at t = 0.01 the smoothing is far from uniform");

        // With the noise, E[H] of softmax over V Gaussian logits is log V − std²/2; it reaches log V as δ → 0.
        foreach (double delta in new[] { 1.0, 0.3, 0.05 })
        {
            var noisy = new ArctanSchedule(new ArctanParameters { Delta = delta });
            Tensor xt = ForwardProcess.AddNoise(x0, noisy.Mu(1.0), noisy.Std(1.0), new Generator(3));
            double expected = logV - (Math.Pow(noisy.Std(1.0), 2) / 2);
            Assert.True(Math.Abs(Entropy(xt) - expected) < 0.05, $"δ = {delta}: entropy {Entropy(xt)}, expected ≈ {expected}");
        }
    }

    [Fact]
    public void DistanceMeanTrueTokenProbabilityDecreasesWithTime()
    {
        var space = new DistanceLatentSpace(matrix, sigmaMin: 1.5);
        var schedule = new ArctanSchedule();
        using var scope = NewDisposeScope();
        Tensor ids = torch.randint(0, 3000, [4, 100], generator: new Generator(4));
        Tensor x0 = space.CleanLatent(ids);
        Tensor noise = torch.randn(x0.shape, generator: new Generator(5));

        double previousClean = double.PositiveInfinity, previousNoisy = double.PositiveInfinity;
        for (int k = 0; k <= 20; k++)
        {
            double t = 0.0005 + (k * (0.999 / 20));
            using var inner = NewDisposeScope();
            Tensor clean = x0 * schedule.Mu(t);
            Tensor noisy = clean + (noise * schedule.Std(t));
            double pClean = TrueTokenProbability(clean, ids), pNoisy = TrueTokenProbability(noisy, ids);
            Assert.True(pClean < previousClean, $"noise-free curve not decreasing at t = {t}: {pClean} ≥ {previousClean}");
            Assert.True(pNoisy < previousNoisy, $"noisy curve not decreasing at t = {t}: {pNoisy} ≥ {previousNoisy}");
            previousClean = pClean;
            previousNoisy = pNoisy;
        }

        Assert.True(previousClean < 2.0 / 3000, "at t → 1 the true token is about as likely as any other");
    }

    private static double Entropy(Tensor logits)
    {
        using var scope = NewDisposeScope();
        Tensor logp = logits.log_softmax(-1);
        return -(logp.exp() * logp).sum(-1).mean().item<float>();
    }

    private static double TrueTokenProbability(Tensor logits, Tensor ids)
    {
        using var scope = NewDisposeScope();
        return logits.softmax(-1).gather(-1, ids.unsqueeze(-1)).mean().item<float>();
    }
}
