using Smoothie.Models.Denoising;
using Smoothie.Runtime;
using System.Diagnostics;
using System.Globalization;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// Peak native memory (RSS, which BenchmarkDotNet's managed-memory diagnoser cannot see) of one sampling step and of
/// softmax(x_t)·E at V = 30,522, B×L = 64 × 64 = 4,096, for several chunk budgets. Each case runs in its own child
/// process; after the setup the kernel's peak-RSS mark is reset (<c>/proc/self/clear_refs</c> ← 5), so
/// "peak extra" = VmHWM after the operation − RSS before it.
/// </summary>
internal static class MemoryProbe
{
    private static readonly string[] Budgets = ["unbounded", "1GiB", "256MiB", "64MiB"];

    public static int Run(string[] args)
    {
        if (args.Length == 3 && args[0] == "case")
        {
            return RunCase(args[1], args[2]);
        }

        Console.WriteLine("| operation | chunk budget | RSS before (MiB) | peak extra (MiB) | time (s) |");
        Console.WriteLine("|---|---|---|---|---|");
        bool trainingOnly = args.Length == 1 && args[0] == "training";
        string[] operations = trainingOnly
            ? ["training-input-fused", "training-input-authors"]
            : ["softmax-mix", "legacy-softmax-mix", "sampling-step-fused", "sampling-step-in-place", "sampling-step", "legacy-sampling-step", "training-input-fused", "training-input-authors"];
        foreach (string operation in operations)
        {
            foreach (string budget in trainingOnly ? ["1GiB"] : Budgets)
            {
                var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
                if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
                {
                    start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
                }

                foreach (string a in new[] { "memory", "case", operation, budget })
                {
                    start.ArgumentList.Add(a);
                }

                using var child = Process.Start(start)!;
                string output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                Console.Write(output);
            }
        }

        return 0;
    }

    private static LatentChunking Budget(string name) => name switch
    {
        "unbounded" => LatentChunking.Unbounded,
        "1GiB" => LatentChunking.Default,
        "256MiB" => new LatentChunking(256L << 20),
        "64MiB" => new LatentChunking(64L << 20),
        _ => throw new ArgumentException($"Unknown budget '{name}'.", nameof(name)),
    };

    private static int RunCase(string operation, string budgetName)
    {
        ThreadSettings.Apply();
        const int V = 30522, Batch = 64, Length = 64;
        LatentChunking chunking = Budget(budgetName);
        using EmbeddingMatrix embeddings = Workloads.RandomEmbeddings(V);
        var space = new DistanceLatentSpace(embeddings, sigmaMin: ArctanParameters.Paper.SigmaMin, chunking: chunking);
        using var model = Workloads.Model("Tiny");
        model.eval();
        var network = new SmoothieDenoiserNetwork(model, embeddings.Weights);
        var schedule = new ArctanSchedule();
        var solver = new RenoiseStep(chunking);
        manual_seed(1);
        using Tensor x = randn(Batch, Length, V);
        using Tensor time = full(Batch, 0.5f);
        using var generator = new Generator(2);
        using var sources = Workloads.RandomSources(V);

        // A training batch: the first 64 Bible targets (MiniLM ids of the full vocabulary), 48 tokens, padded.
        var bible = BibleWorkload.Instance;
        using Tensor trainingIds = tensor(bible.FullTargets.Take(Batch).SelectMany(r => r.Take(48).Concat(Enumerable.Repeat((long)bible.PadId, Math.Max(0, 48 - r.Length)))).ToArray(), [Batch, 48]);
        using Tensor trainingTimes = linspace(0.05, 0.95, Batch);

        // The fused re-noise step never holds x_t: its state is the [B, L, d] denoiser input.
        using Tensor fusedInput = space.DenoiserInput(x);

        // Warm up the code paths once on a small batch (JIT, libtorch kernels), then measure.
        using (NewDisposeScope())
        using (no_grad())
        {
            if (operation == "sampling-step-in-place")
            {
                using Tensor small = x.narrow(0, 0, 1).clone();
                StepInPlace(small);
            }
            else if (operation == "sampling-step-fused")
            {
                FusedStep(fusedInput.narrow(0, 0, 1));
            }
            else if (operation == "training-input-fused")
            {
                space.FusedTrainingInput(trainingIds.narrow(0, 0, 1), schedule.Mu(trainingTimes.narrow(0, 0, 1)), schedule.Std(trainingTimes.narrow(0, 0, 1)));
            }
            else if (operation == "training-input-authors")
            {
                Baselines.AuthorsTrainingInput.Compute(trainingIds.narrow(0, 0, 1), embeddings, space.SigmaMin, schedule.Mu(trainingTimes.narrow(0, 0, 1)), schedule.Std(trainingTimes.narrow(0, 0, 1)));
            }
            else
            {
                Step(x.narrow(0, 0, 1));
            }
        }

        GC.Collect();
        long before = ResetPeakAndReadRss();
        var clock = Stopwatch.StartNew();
        using (NewDisposeScope())
        using (no_grad())
        {
            switch (operation)
            {
                case "softmax-mix":
                    space.DenoiserInput(x);
                    break;
                case "legacy-softmax-mix":
                    Baselines.LegacyPaths.SoftmaxMix(x, embeddings, chunking);
                    break;
                case "legacy-sampling-step":
                    LegacyStep(x);
                    break;
                case "sampling-step-in-place":
                    StepInPlace(x);
                    break;
                case "sampling-step-fused":
                    FusedStep(fusedInput);
                    break;
                case "training-input-fused":
                    space.FusedTrainingInput(trainingIds, schedule.Mu(trainingTimes), schedule.Std(trainingTimes));
                    break;
                case "training-input-authors":
                    Baselines.AuthorsTrainingInput.Compute(trainingIds, embeddings, space.SigmaMin, schedule.Mu(trainingTimes), schedule.Std(trainingTimes));
                    break;
                default:
                    Step(x);
                    break;
            }
        }

        clock.Stop();
        long peak = ReadStatus("VmHWM:");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {operation} | {budgetName} | {before / 1024.0:F0} | {(peak - before) / 1024.0:F0} | {clock.Elapsed.TotalSeconds:F2} |"));
        return 0;

        void LegacyStep(Tensor xt) => LegacyStepCore(xt, embeddings, chunking, input =>
            network.Predict(input, time.narrow(0, 0, xt.shape[0]), sources.SourceIds!.narrow(0, 0, xt.shape[0]), sources.SourceMask!.narrow(0, 0, xt.shape[0]), null), schedule, generator);

        void Step(Tensor xt)
        {
            Tensor input = space.DenoiserInput(xt);
            long b = xt.shape[0];
            Tensor predicted = network.Predict(input, time.narrow(0, 0, b), sources.SourceIds!.narrow(0, 0, b), sources.SourceMask!.narrow(0, 0, b), null);
            Tensor clean = space.PredictionToLatent(predicted);
            solver.Step(xt, clean, 0.5, 0.495, schedule, generator);
        }

        // What DiffusionSampler does for the distance space with the re-noise solver: the next input straight from ê.
        void FusedStep(Tensor input)
        {
            long b = input.shape[0];
            Tensor predicted = network.Predict(input, time.narrow(0, 0, b), sources.SourceIds!.narrow(0, 0, b), sources.SourceMask!.narrow(0, 0, b), null);
            space.FusedRenoisedInput(predicted, schedule.Mu(0.495), schedule.Std(0.495), generator);
        }

        // What DiffusionSampler does with an IInPlaceReverseStep: x_t overwritten, x̂0 built one budget-sized block at a time.
        void StepInPlace(Tensor xt)
        {
            Tensor input = space.DenoiserInput(xt);
            long b = xt.shape[0];
            Tensor predicted = network.Predict(input, time.narrow(0, 0, b), sources.SourceIds!.narrow(0, 0, b), sources.SourceMask!.narrow(0, 0, b), null);
            Tensor rows = predicted.reshape(-1, predicted.shape[^1]);
            solver.StepInPlace(xt, (first, destination) => space.PredictionToLatent(rows.narrow(0, first, destination.shape[0]), destination), 0.5, 0.495, schedule, generator, chunking);
        }
    }

    /// <summary>The pre-optimisation O(V) paths around the same model call (Baselines/LegacyPaths.cs).</summary>
    private static void LegacyStepCore(Tensor xt, EmbeddingMatrix embeddings, LatentChunking chunking, Func<Tensor, Tensor> predict, ArctanSchedule schedule, Generator generator)
    {
        Tensor input = Baselines.LegacyPaths.SoftmaxMix(xt, embeddings, chunking);
        Tensor predicted = predict(input.view(xt.shape[0], xt.shape[1], -1));
        Tensor clean = Baselines.LegacyPaths.Distances(predicted, embeddings, ArctanParameters.Paper.SigmaMin, chunking);
        Baselines.LegacyPaths.AddNoise(clean, schedule.Mu(0.495), schedule.Std(0.495), generator, chunking);
    }

    /// <summary>Resets the peak-RSS mark of this process and returns the current RSS in KiB.</summary>
    internal static long ResetPeakAndReadRss()
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return ReadStatus("VmRSS:");
    }

    internal static long ReadStatus(string key)
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
