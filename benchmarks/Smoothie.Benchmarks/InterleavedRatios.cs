using Smoothie.Runtime;
using System.Diagnostics;
using System.Globalization;
using Smoothie.Benchmarks.Baselines;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// Load-robust ratios for a shared machine: in every round the GEMM peak (<see cref="GemmPeak"/>: this CPU's
/// compute-bound rate, the best of a few cache-friendly shapes), the vocabulary-shaped reference GEMM and every case run
/// once, back to back, so each case's "% of GEMM peak" and each new/baseline ratio are computed against measurements
/// taken seconds apart; the report gives medians over rounds. Complements the BenchmarkDotNet tables, whose rows are
/// minutes apart.
/// </summary>
internal static class InterleavedRatios
{
    public static int Run(int rounds)
    {
        ThreadSettings.Apply();
        var cases = new List<Case>();
        var disposables = new List<IDisposable>();
        using var gemmA = randn(Workloads.Rows, Workloads.Dimension);
        using var gemmB = randn(30522, Workloads.Dimension);
        using var gemmC = empty(Workloads.Rows, 30522);
        double gemmFlops = FlopCounts.Gemm(Workloads.Rows, 30522, Workloads.Dimension);
        using var peak = new GemmPeak();

        // 30,522: bert-base-uncased / MiniLM; 7,901: the SPEC's Bible sub-vocabulary size.
        foreach (int v in new[] { 30522, 7901 })
        {
            EmbeddingMatrix e = Workloads.RandomEmbeddings(v);
            disposables.Add(e);
            manual_seed(3);
            Tensor x = randn(Workloads.Rows, Workloads.Dimension);
            Tensor ids = randint(v, [Workloads.Rows]);
            Tensor logits = ForwardProcess.AddNoise(VocabularyOps.ScaledNegativeSquaredDistances(e.Weights.index_select(0, ids), e, 1.5), 0.05, 1.0);
            disposables.Add(x);
            disposables.Add(logits);
            var gen = new Generator(1);
            disposables.Add(gen);
            var budget = LatentChunking.Default;
            double g = FlopCounts.VocabularyGemm(Workloads.Rows, v);
            string s = $"V={v}";
            cases.Add(new($"{s} distance", g, () => VocabularyOps.ScaledNegativeSquaredDistances(x, e, 1.5, budget).Dispose(), $"{s} distance legacy"));
            cases.Add(new($"{s} distance legacy", g, () => LegacyPaths.Distances(x, e, 1.5, budget).Dispose()));
            cases.Add(new($"{s} softmax·E", g, () => VocabularyOps.SoftmaxMix(logits, e, budget).Dispose(), $"{s} softmax·E legacy"));
            cases.Add(new($"{s} softmax·E legacy", g, () => LegacyPaths.SoftmaxMix(logits, e, budget).Dispose()));
            cases.Add(new($"{s} distance + softmax·E", 2 * g, () =>
            {
                using Tensor d = VocabularyOps.ScaledNegativeSquaredDistances(x, e, 1.5, budget);
                VocabularyOps.SoftmaxMix(d, e, budget).Dispose();
            }, $"{s} distance + softmax·E legacy"));
            cases.Add(new($"{s} distance + softmax·E legacy", 2 * g, () =>
            {
                using Tensor d = LegacyPaths.Distances(x, e, 1.5, budget);
                LegacyPaths.SoftmaxMix(d, e, budget).Dispose();
            }));
            cases.Add(new($"{s} fused softmax(D_σ(x))·E (fused-attention kernel)", 2 * g, () => VocabularyOps.DistanceSoftmaxMix(x, e, 1.5, budget).Dispose(), $"{s} fused softmax(D_σ(x))·E, 16 MiB blocks, three passes (before)"));
            cases.Add(new($"{s} fused softmax(D_σ(x))·E, 16 MiB blocks, three passes (before)", 2 * g, () => LegacyPaths.BlockedDistanceSoftmaxMix(x, e, 1.5).Dispose()));
            cases.Add(new($"{s} re-noised input softmax(μ·D_σ(x) + std·ε)·E", 2 * g, () => VocabularyOps.NoisyDistanceSoftmaxMix(x, e, 1.5, 0.7, 2.0, gen, budget).Dispose(), $"{s} re-noised input, 16 MiB blocks (before)"));
            cases.Add(new($"{s} re-noised input, 16 MiB blocks (before)", 2 * g, () => LegacyPaths.BlockedNoisyDistanceSoftmaxMix(x, e, 1.5, 0.7, 2.0, gen).Dispose()));
            cases.Add(new($"{s} fused softmax(D_σ(x))·E, budget-sized blocks (legacy)", 2 * g, () => LegacyPaths.DistanceSoftmaxMix(x, e, 1.5, budget).Dispose()));
            cases.Add(new($"{s} decode", g, () => VocabularyOps.NearestTokens(x, e, budget).Dispose()));
            cases.Add(new($"{s} forward noising", null, () => ForwardProcess.AddNoise(logits, 0.3, 1.0, gen, budget).Dispose(), $"{s} forward noising legacy"));
            cases.Add(new($"{s} forward noising legacy", null, () => LegacyPaths.AddNoise(logits, 0.3, 1.0, gen, budget).Dispose()));
        }

        var training = new TrainingBenchmarks();
        training.Setup();
        cases.Add(new("Tiny training step (64×48, Bible V=" + BibleWorkload.Instance.Sub.VocabularySize + ")", training.Flops(nameof(TrainingBenchmarks.TrainStep)), () => training.TrainStep(), "Tiny training step, embedding space (same model and data)"));
        cases.Add(new("Tiny training step, embedding space (same model and data)", training.Flops(nameof(TrainingBenchmarks.TrainStepEmbeddingSpace)), () => training.TrainStepEmbeddingSpace()));
        cases.Add(new("training corruption x_t", null, training.Corrupt, "training corruption x_t legacy"));
        cases.Add(new("training corruption x_t legacy", null, training.LegacyCorrupt));
        cases.Add(new("training input, fused (softmax(μ·x0 + std·ε)·E by blocks)", null, training.TrainingInputFused, "training input, the authors' formulation (materialised [B·L, V] tensors)"));
        cases.Add(new("training input, the authors' formulation (materialised [B·L, V] tensors)", null, training.TrainingInputAuthors));
        cases.Add(new("training input, two steps (x_t, then softmax·E)", null, training.TrainingInputTwoStep));
        var denoiser = new DenoiserBenchmarks { Preset = "Tiny" };
        denoiser.Setup();
        cases.Add(new("Tiny forward+backward (64×48)", denoiser.Flops(nameof(DenoiserBenchmarks.ForwardBackward)), denoiser.ForwardBackward));
        cases.Add(new("Tiny training step, 1 thread", training.Flops(nameof(TrainingBenchmarks.TrainStep)), () => OneThread(() => training.TrainStep()), "Tiny training step (64×48, Bible V=" + BibleWorkload.Instance.Sub.VocabularySize + ")"));
        cases.Add(new("Tiny forward+backward, 1 thread", denoiser.Flops(nameof(DenoiserBenchmarks.ForwardBackward)), () => OneThread(denoiser.ForwardBackward), "Tiny forward+backward (64×48)"));
        var full = new SubVocabularyBenchmarks { Vocabulary = "Full" };
        full.Setup();
        var bible = new SubVocabularyBenchmarks { Vocabulary = "Bible" };
        bible.Setup();
        cases.Add(new("O(V) part of a sampling step, Bible sub-vocabulary", bible.Flops(""), bible.OVPartOfSamplingStep, "O(V) part of a sampling step, full vocabulary"));
        cases.Add(new("O(V) part of a sampling step, full vocabulary", full.Flops(""), full.OVPartOfSamplingStep));
        var sampling = new SamplingBenchmarks { V = 8000 };
        sampling.Setup();
        cases.Add(new("sampling step 64×48, V=8000, fused re-noise input", sampling.Flops(""), sampling.SamplingStepFused, "sampling step 64×48, V=8000, fused re-noise input, 16 MiB blocks (before)"));
        cases.Add(new("sampling step 64×48, V=8000, fused re-noise input, 16 MiB blocks (before)", sampling.Flops(""), sampling.SamplingStepFusedBlocked));
        cases.Add(new("sampling step 64×48, V=8000, in place", sampling.Flops(""), sampling.SamplingStepInPlace));

        // Warm-up round (not recorded).
        peak.Measure(1);
        gemmC.addmm_(gemmA, gemmB.t(), 0, 1);
        foreach (Case c in cases)
        {
            c.Action();
        }

        var times = cases.ToDictionary(c => c.Name, _ => new List<double>());
        var gemmTimes = new List<double>();
        var peakRates = new List<double>();
        var peakShapes = new List<string>();
        for (int r = 0; r < rounds; r++)
        {
            (double peakRate, string peakShape) = peak.Measure();
            peakRates.Add(peakRate);
            peakShapes.Add(peakShape);
            var clock = Stopwatch.StartNew();
            gemmC.addmm_(gemmA, gemmB.t(), 0, 1);
            gemmTimes.Add(clock.Elapsed.TotalSeconds);
            foreach (Case c in cases)
            {
                clock.Restart();
                c.Action();
                times[c.Name].Add(clock.Elapsed.TotalSeconds);
            }

            Console.Error.WriteLine($"round {r + 1}/{rounds} done");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GEMM peak (yardstick; best of {string.Join(", ", GemmPeak.Shapes.Select(x => $"{x.M}×{x.K}×{x.N}"))} into preallocated outputs): median {Median(peakRates):F1} GFLOP/s (min {peakRates.Min():F1}, max {peakRates.Max():F1}; best shape {peakShapes.GroupBy(x => x).OrderByDescending(x => x.Count()).First().Key}), {rounds} rounds"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vocabulary-shaped GEMM 4096×384×30522 into a preallocated 477 MiB output: median {Median(gemmTimes):F3} s = {gemmFlops / Median(gemmTimes) / 1e9:F1} GFLOP/s = {100 * Median(gemmTimes.Select((ti, i) => gemmFlops / ti / 1e9 / peakRates[i]).ToList()):F0}% of the peak"));
        Console.WriteLine();
        Console.WriteLine("| case | median time (s) | GFLOP | GFLOP/s | % of GEMM peak (median of per-round ratios) | speed-up vs its baseline (median of per-round ratios) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (Case c in cases)
        {
            List<double> t = times[c.Name];
            string gflop = c.Flops is { } f ? (f / 1e9).ToString("F1", CultureInfo.InvariantCulture) : "-";
            string rate = c.Flops is { } f2 ? (f2 / Median(t) / 1e9).ToString("F1", CultureInfo.InvariantCulture) : "-";
            string ofGemm = c.Flops is { } f3
                ? (100 * Median(t.Select((ti, i) => f3 / ti / 1e9 / peakRates[i]).ToList())).ToString("F0", CultureInfo.InvariantCulture) + "%"
                : "-";
            string speedup = c.BaselineName is { } b
                ? Median(t.Select((ti, i) => times[b][i] / ti).ToList()).ToString("F2", CultureInfo.InvariantCulture) + "× (vs " + b + ")"
                : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {c.Name} | {Median(t):F3} | {gflop} | {rate} | {ofGemm} | {speedup} |"));
        }

        training.Cleanup();
        denoiser.Cleanup();
        sampling.Cleanup();
        foreach (IDisposable d in disposables)
        {
            d.Dispose();
        }

        return 0;
    }

    private static void OneThread(Action action)
    {
        int threads = get_num_threads();
        set_num_threads(1);
        try
        {
            action();
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private sealed record Case(string Name, double? Flops, Action Action, string? BaselineName = null);
}
