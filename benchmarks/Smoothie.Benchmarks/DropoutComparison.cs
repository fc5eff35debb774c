using System.Diagnostics;
using System.Globalization;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Blocks;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Smoothie.Schedulers.Schedules;
using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// The Tiny training step (64 × 48 Bible batch: fused O(V) input, forward, loss, backward, clipping, AdamW) under four
/// dropout settings, interleaved round by round so that load on a shared machine hits them alike: libtorch's dropout
/// kernel (Bernoulli) with attention dropout 0.1 (before issue 28), the uniform-compare mask with attention dropout
/// 0.1, the uniform mask with no attention dropout (SDPA's fused kernel), and no dropout at all. Medians, GEMM peak
/// measured every round.
/// </summary>
internal static class DropoutComparison
{
    private static readonly (string Name, bool LibTorch, double Hidden, double Attention)[] Cases =
    [
        ("libtorch Bernoulli dropout 0.1, attention dropout 0.1 (before)", true, 0.1, 0.1),
        ("uniform-mask dropout 0.1, attention dropout 0.1", false, 0.1, 0.1),
        ("uniform-mask dropout 0.1, attention dropout 0 (fused SDPA)", false, 0.1, 0.0),
        ("no dropout", false, 0.0, 0.0),
    ];

    public static int Run(int rounds)
    {
        ThreadSettings.Apply();
        var bible = BibleWorkload.Instance;
        DenoiserConfig preset = Workloads.Preset("Tiny");
        var space = new DistanceLatentSpace(bible.Sub, sigmaMin: ArctanParameters.Paper.SigmaMin);
        var schedule = new ArctanSchedule();
        var loss = new DiffusionLoss(space, schedule, new TrainingOptions { BatchSize = Workloads.Batch });
        var models = Cases.Select(c =>
        {
            manual_seed(5);
            var model = new SmoothieDenoiser(preset with { Dropout = c.Hidden, AttentionDropout = c.Attention });
            return (Model: model, Network: new SmoothieDenoiserNetwork(model, bible.Sub.Weights), Optimizer: optim.AdamW(model.parameters(), lr: 1e-4, beta1: 0.9, beta2: 0.98, eps: 1e-6, weight_decay: 0.01));
        }).ToList();
        using var peak = new GemmPeak();
        double forwardBackward = FlopCounts.DenoiserForwardBackward(preset, Workloads.Batch, Workloads.Length, Workloads.Length);
        var times = Cases.Select(_ => new List<double>()).ToArray();
        var peaks = new List<double>();
        try
        {
            for (int r = 0; r <= rounds; r++)
            {
                if (r > 0)
                {
                    peaks.Add(peak.Measure().Rate);
                }

                for (int c = 0; c < Cases.Length; c++)
                {
                    using var scope = NewDisposeScope();
                    UniformDropout.UseLibTorchKernel = Cases[c].LibTorch;
                    manual_seed(r);
                    var (model, network, optimizer) = models[c];
                    model.train();
                    using var batch = bible.SubCorpus.Batch(Enumerable.Range(r * Workloads.Batch % 1000, Workloads.Batch).ToArray(), CPU);
                    var clock = Stopwatch.StartNew();
                    Tensor t = (rand(Workloads.Batch) * 0.99) + 0.01;
                    Tensor input = space.FusedTrainingInput(batch.TargetIds!, schedule.Mu(t), schedule.Std(t));
                    optimizer.zero_grad();
                    Tensor value = loss.Loss(network.Predict(input, t, batch.SourceIds, batch.SourceMask, null), batch.TargetIds!, bible.PadId);
                    value.backward();
                    nn.utils.clip_grad_norm_(model.parameters(), 1.0);
                    optimizer.step();
                    if (r > 0)
                    {
                        times[c].Add(clock.Elapsed.TotalSeconds);
                    }
                }
            }
        }
        finally
        {
            UniformDropout.UseLibTorchKernel = false;
            foreach (var m in models)
            {
                m.Optimizer.Dispose();
                m.Model.Dispose();
            }
        }

        double peakRate = Median(peaks);
        double before = Median(times[0]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Tiny training step, {Workloads.Batch}×{Workloads.Length} Bible kjv→web, V = {bible.Sub.VocabularySize}; {rounds} rounds interleaved; torch threads {get_num_threads()}; GEMM peak median {peakRate:F1} GFLOP/s; {Environment.MachineName}, {Environment.ProcessorCount} logical CPUs"));
        Console.WriteLine();
        Console.WriteLine("| dropout | step median (ms) | speed-up vs before | denoiser fwd+bwd GFLOP/s over the whole step | % of GEMM peak |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (int c = 0; c < Cases.Length; c++)
        {
            double median = Median(times[c]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Cases[c].Name} | {median * 1e3:F1} | {before / median:F2}× | {forwardBackward / median / 1e9:F1} | {100 * forwardBackward / median / 1e9 / peakRate:F0}% |"));
        }

        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(x => x).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
