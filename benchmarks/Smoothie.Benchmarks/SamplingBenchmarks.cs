using Smoothie.Sampling;
using BenchmarkDotNet.Attributes;
using Smoothie.Benchmarks.Baselines;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// One sampling step of the distance space with the Tiny denoiser for 64 × 48 tokens (softmax(x_t)·E, prediction,
/// x̂0 = D(ê), re-noise to the next time), V ∈ {8,000, 30,522}, default 1 GiB chunk budget.
/// </summary>
[MemoryDiagnoser]
public class SamplingBenchmarks : IFlopCounted
{
    private EmbeddingMatrix embeddings = null!;
    private SmoothieDenoiser model = null!;
    private SmoothieDenoiserNetwork network = null!;
    private DistanceLatentSpace space = null!;
    private ArctanSchedule schedule = null!;
    private RenoiseStep solver = null!;
    private Seq2SeqBatch sources = null!;
    private Tensor x = null!;
    private Tensor fusedInput = null!;
    private Tensor time = null!;
    private Generator generator = null!;

    [Params(8000, 30522)]
    public int V { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ThreadSettings.Apply();
        embeddings = Workloads.RandomEmbeddings(V);
        model = Workloads.Model("Tiny");
        model.eval();
        network = new SmoothieDenoiserNetwork(model, embeddings.Weights);
        space = new DistanceLatentSpace(embeddings, sigmaMin: ArctanParameters.Paper.SigmaMin);
        schedule = new ArctanSchedule();
        solver = new RenoiseStep();
        sources = Workloads.RandomSources(V);
        manual_seed(8);
        x = randn(Workloads.Batch, Workloads.Length, V);
        fusedInput = space.DenoiserInput(x);
        time = full(Workloads.Batch, 0.5f);
        generator = new Generator(9);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        x.Dispose();
        fusedInput.Dispose();
        time.Dispose();
        generator.Dispose();
        sources.Dispose();
        model.Dispose();
        embeddings.Dispose();
    }

    [Benchmark]
    public void SamplingStep()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = space.DenoiserInput(x);
        Tensor predicted = network.Predict(input, time, sources.SourceIds, sources.SourceMask, null);
        Tensor clean = space.PredictionToLatent(predicted);
        solver.Step(x, clean, 0.5, 0.495, schedule, generator);
    }

    /// <summary>
    /// The same step as <see cref="SamplingStep"/> the way <c>DiffusionSampler</c> now takes it: x_t overwritten in
    /// place, x̂0 built one chunk of rows at a time into a reused buffer (default 1 GiB budget).
    /// </summary>
    [Benchmark]
    public void SamplingStepInPlace()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = space.DenoiserInput(x);
        Tensor predicted = network.Predict(input, time, sources.SourceIds, sources.SourceMask, null);
        Tensor rows = predicted.reshape(-1, predicted.shape[^1]);
        solver.StepInPlace(x, (first, destination) => space.PredictionToLatent(rows.narrow(0, first, destination.shape[0]), destination), 0.5, 0.495, schedule, generator);
    }

    /// <summary>
    /// The re-noise step as the sampler runs it for the distance space: the next input softmax(μ·D(ê) + std·ε)·E built
    /// block by block (<see cref="DistanceLatentSpace.FusedRenoisedInput"/>), no x_t at all.
    /// </summary>
    [Benchmark]
    public void SamplingStepFused()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor predicted = network.Predict(fusedInput, time, sources.SourceIds, sources.SourceMask, null);
        space.FusedRenoisedInput(predicted, schedule.Mu(0.495), schedule.Std(0.495), generator);
    }

    /// <summary><see cref="SamplingStepFused"/> with the re-noised input built as before the fused-attention kernel
    /// (<see cref="LegacyPaths.BlockedNoisyDistanceSoftmaxMix"/>, commit 2139400).</summary>
    [Benchmark]
    public void SamplingStepFusedBlocked()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor predicted = network.Predict(fusedInput, time, sources.SourceIds, sources.SourceMask, null);
        LegacyPaths.BlockedNoisyDistanceSoftmaxMix(predicted, space.Embeddings, space.SigmaMin, schedule.Mu(0.495), schedule.Std(0.495), generator);
    }

    public double? Flops(string method) => FlopCounts.SamplingStep(Workloads.Preset("Tiny"), Workloads.Batch, Workloads.Length, V);
}
