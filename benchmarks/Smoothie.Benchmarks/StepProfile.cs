using Smoothie.Sampling;
using Smoothie.Models.Denoising;
using System.Diagnostics;
using System.Globalization;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;
using Smoothie.Training.Optimization;
using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// Where the time of one Tiny training step and one sampling step goes: each phase timed on its own (medians over rounds,
/// the GEMM peak measured in every round), with its FLOPs, its rate and its share of the step; plus the cost of
/// dropout (train vs eval forward) and of libtorch's random-number kernels on this CPU.
/// </summary>
internal static class StepProfile
{
    public static int Run(int rounds)
    {
        ThreadSettings.Apply();
        var bible = BibleWorkload.Instance;
        var preset = Workloads.Preset("Tiny");
        using var model = Workloads.Model("Tiny");
        var space = new DistanceLatentSpace(bible.Sub, sigmaMin: ArctanParameters.Paper.SigmaMin);
        var schedule = new ArctanSchedule();
        var options = new TrainingOptions { BatchSize = Workloads.Batch, MaxSteps = 1_000_000, WarmupSteps = 10 };
        var network = new SmoothieDenoiserNetwork(model, bible.Sub.Weights);
        var loss = new DiffusionLoss(space, schedule, options);
        var parameters = model.parameters().ToList();
        using var optimizer = optim.AdamW(parameters, lr: 1e-4, beta1: 0.9, beta2: 0.98, eps: 1e-6, weight_decay: 0.01);
        using var ema = new ExponentialMovingAverage(model, 0.999);
        using var peak = new GemmPeak();
        using var generator = new Generator(3);
        double v = bible.Sub.VocabularySize;
        double n = Workloads.Batch * Workloads.Length;
        double forwardFlops = FlopCounts.DenoiserForward(preset, Workloads.Batch, Workloads.Length, Workloads.Length);

        var times = new Dictionary<string, List<double>>();
        var flops = new Dictionary<string, double?>();
        var peaks = new List<double>();
        long distinct = 0;
        for (int r = 0; r <= rounds; r++)
        {
            bool record = r > 0; // round 0 warms up
            if (record)
            {
                peaks.Add(peak.Measure().Rate);
            }

            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            double last = 0;
            void Mark(string phase, double? phaseFlops)
            {
                double now = clock.Elapsed.TotalSeconds;
                if (record)
                {
                    (times.TryGetValue(phase, out var list) ? list : times[phase] = []).Add(now - last);
                    flops[phase] = phaseFlops;
                }

                last = now;
            }

            model.train();
            using var batch = bible.SubCorpus.Batch(Enumerable.Range(r * Workloads.Batch % 1000, Workloads.Batch).ToArray(), CPU);
            Tensor ids = batch.TargetIds!;
            Tensor t = (rand(Workloads.Batch) * 0.99) + 0.01;
            (Tensor unique, _, _) = ids.unique();
            distinct = unique.numel();
            Mark("batch, t", null);
            Tensor input = space.FusedTrainingInput(ids, schedule.Mu(t), schedule.Std(t));
            Mark("training input softmax(μ·D(E_w) + std·ε)·E (O(V), fused)", FlopCounts.VocabularyGemm(distinct, v) + FlopCounts.VocabularyGemm(n, v));
            optimizer.zero_grad();
            Tensor prediction = network.Predict(input, t, batch.SourceIds, batch.SourceMask, null);
            Mark("denoiser forward (train mode: dropout on)", forwardFlops);
            Tensor value = loss.Loss(prediction, ids, bible.PadId);
            value.item<float>();
            Mark("loss", null);
            value.backward();
            Mark("denoiser backward", 2 * forwardFlops);
            nn.utils.clip_grad_norm_(parameters, 1.0);
            Mark("gradient clipping", null);
            optimizer.step();
            Mark("AdamW step", null);
            ema.Update(r);
            Mark("EMA update", null);

            // The same forward without dropout, and a sampling step's phases (eval mode, no gradients).
            using (no_grad())
            {
                Mark("(not in the step)", null);
                model.eval();
                Tensor evalPrediction = network.Predict(input, t, batch.SourceIds, batch.SourceMask, null);
                evalPrediction.sum().item<float>();
                Mark("[sampling] denoiser forward (eval mode, no gradients)", forwardFlops);
                space.FusedRenoisedInput(evalPrediction, 0.5, 1.5, generator);
                Mark("[sampling] re-noised input softmax(μ·D(ê) + std·ε)·E (O(V), fused)", 2 * FlopCounts.VocabularyGemm(n, v));
                model.train();
                network.Predict(input, t, batch.SourceIds, batch.SourceMask, null).sum().item<float>();
                Mark("[dropout] denoiser forward, train mode, no gradients", forwardFlops);
            }

            using (Tensor mask = empty(Workloads.Batch * Workloads.Length, preset.HiddenSize))
            {
                last = clock.Elapsed.TotalSeconds;
                mask.bernoulli_(0.9);
                Mark("[random] bernoulli_(0.9), [3072, 128] (libtorch's dropout mask)", null);
                mask.uniform_(0, 1);
                Mark("[random] uniform_, [3072, 128]", null);
                mask.normal_(0, 1);
                Mark("[random] normal_, [3072, 128]", null);
            }
        }

        double stepTotal = times.Where(p => !p.Key.StartsWith('[') && !p.Key.StartsWith('(')).Sum(p => Median(p.Value));
        double peakRate = Median(peaks);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Tiny training step, 64×48 Bible kjv→web, V = {v} (sub-vocabulary), {distinct} distinct targets in the last batch; {rounds} rounds; torch threads {get_num_threads()}; GEMM peak median {peakRate:F1} GFLOP/s"));
        Console.WriteLine();
        Console.WriteLine("| phase | median (ms) | share of the step | GFLOP | GFLOP/s | % of GEMM peak |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach ((string phase, List<double> list) in times)
        {
            if (phase.StartsWith('('))
            {
                continue;
            }

            double median = Median(list);
            string share = phase.StartsWith('[') ? "" : (100 * median / stepTotal).ToString("F0", CultureInfo.InvariantCulture) + "%";
            double? f = flops[phase];
            string gflop = f is null ? "" : (f.Value / 1e9).ToString("F1", CultureInfo.InvariantCulture);
            string rate = f is null ? "" : (f.Value / median / 1e9).ToString("F1", CultureInfo.InvariantCulture);
            string ofPeak = f is null ? "" : (100 * f.Value / median / 1e9 / peakRate).ToString("F0", CultureInfo.InvariantCulture) + "%";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {phase} | {median * 1e3:F1} | {share} | {gflop} | {rate} | {ofPeak} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **sum of the step's phases** | {stepTotal * 1e3:F1} | 100% | | | |"));

        // Like-for-like FLOPs of one training step (64 × 48): the authors' formulation (clean latent of every position,
        // full bert-base-uncased vocabulary as their trainer uses it) against this library's (distinct tokens, sub-vocabulary).
        Console.WriteLine();
        Console.WriteLine("| training step, 64 × 48, Tiny | V | O(V) GFLOP | denoiser GFLOP | total GFLOP |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        double modelFlops = FlopCounts.DenoiserForwardBackward(preset, Workloads.Batch, Workloads.Length, Workloads.Length);
        void Row(string name, double vocabulary, double vocabularyFlops) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {vocabulary} | {vocabularyFlops / 1e9:F1} | {modelFlops / 1e9:F1} | {(vocabularyFlops + modelFlops) / 1e9:F1} |"));
        Row("authors' formulation, full vocabulary", 30522, 2 * FlopCounts.VocabularyGemm(n, 30522));
        Row("authors' formulation, Bible sub-vocabulary", v, 2 * FlopCounts.VocabularyGemm(n, v));
        Row($"this library: {distinct} distinct clean latents + fused input, full vocabulary", 30522, FlopCounts.VocabularyGemm(distinct, 30522) + FlopCounts.VocabularyGemm(n, 30522));
        Row($"this library: {distinct} distinct clean latents + fused input, Bible sub-vocabulary", v, FlopCounts.VocabularyGemm(distinct, v) + FlopCounts.VocabularyGemm(n, v));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(x => x).ToList();
        int count = sorted.Count;
        return count % 2 == 1 ? sorted[count / 2] : (sorted[(count / 2) - 1] + sorted[count / 2]) / 2;
    }
}
