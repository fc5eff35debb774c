using System.Diagnostics;
using System.Globalization;
using System.Text;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Configuration;
using Smoothie.Models.Denoising;
using Smoothie.Schedulers.Schedules;
using Smoothie.Sampling.Solvers;
using Smoothie.Training.Checkpoints;
using Smoothie.Training.Data;
using Smoothie.Training.Diagnostics;
using Smoothie.Sampling;
using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Benchmarks;

/// <summary>
/// How cost grows with the work: one distance-space training step (time and peak RSS growth) against V, target length,
/// batch and model preset, and a whole generation against the number of inputs and of sampling steps. Random data of
/// the given shapes (seeded); the model presets are the library's, with d = 384. Writes a Markdown report, a CSV and
/// one PNG plot per sweep, and fits the growth (least squares on the upper half of each sweep, and the log-log slope).
/// </summary>
internal static class ScalingSweep
{
    private const string ChildVariable = "SMOOTHIE_SCALING_CASE";

    private static readonly string[] PresetNames = ["Tiny", "Small", "SmallPretrained", "Paper"];

    private sealed record Point(string Sweep, string Parameter, double X, double Seconds, double PeakExtraMiB);

    public static int Run(string[] args)
    {
        if (args.Length == 6 && args[0] == "case")
        {
            return RunCase(args);
        }

        if (args.Length == 2 && args[0] == "replot")
        {
            // Redraw the plots of an earlier run from its scaling.csv (e.g. after a change of the plotting library).
            var rows = File.ReadAllLines(Path.Combine(args[1], "scaling.csv")).Skip(1)
                .Select(line => line.Split('"')).Select(parts => (Sweep: parts[1], Fields: parts[2].TrimStart(',').Split(',')))
                .Select(r => new Point(r.Sweep, r.Fields[0], double.Parse(r.Fields[1], CultureInfo.InvariantCulture), double.Parse(r.Fields[2], CultureInfo.InvariantCulture), double.Parse(r.Fields[3], CultureInfo.InvariantCulture)))
                .ToList();
            foreach (string line in WritePlots(rows, args[1]))
            {
                Console.WriteLine(line);
            }

            return 0;
        }

        if (Environment.GetEnvironmentVariable(ChildVariable) is not null)
        {
            throw new InvalidOperationException($"A scaling case process got arguments it does not understand: {string.Join(' ', args)}.");
        }

        string outputDirectory = args.Length > 0 ? args[0] : "scaling-results";
        Directory.CreateDirectory(outputDirectory);
        var points = new List<Point>();
        var clock = Stopwatch.StartNew();

        foreach (int v in new[] { 2000, 4000, 8000, 16000, 30522 })
        {
            points.Add(Child("training", "training step vs V (Tiny, 64 × 48)", "V", v, "Tiny", v, 64, 48));
        }

        foreach (int length in new[] { 16, 32, 64, 128 })
        {
            points.Add(Child("training", "training step vs target length (Tiny, batch 64, V = 8,000)", "L", length, "Tiny", 8000, 64, length));
        }

        foreach (int batch in new[] { 8, 16, 32, 64, 128 })
        {
            points.Add(Child("training", "training step vs batch (Tiny, L = 48, V = 8,000)", "B", batch, "Tiny", 8000, batch, 48));
        }

        int presetIndex = 0;
        foreach (string preset in PresetNames)
        {
            points.Add(Child("training", "training step vs model preset (64 × 48, V = 8,000)", "preset", presetIndex++, preset, 8000, 64, 48));
        }

        foreach (int inputs in new[] { 8, 32, 128 })
        {
            points.Add(Child("generation", "generation vs inputs (Tiny, 48 tokens, 20 steps, V = 8,000)", "inputs", inputs, "Tiny", 8000, inputs, 20));
        }

        foreach (int steps in new[] { 10, 20, 40, 80 })
        {
            points.Add(Child("generation", "generation vs sampling steps (Tiny, 32 inputs × 48 tokens, V = 8,000)", "steps", steps, "Tiny", 8000, 32, steps));
        }

        WriteReport(points, outputDirectory, clock.Elapsed);
        return 0;
    }

    /// <summary>Runs one case in a child process, so its peak RSS (VmHWM) is its own.</summary>
    private static Point Child(string kind, string sweep, string parameter, double x, string preset, int v, int batchOrInputs, int lengthOrSteps)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment[ChildVariable] = "1";
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScalingSweep).Assembly.Location);
        }

        foreach (string a in new[] { "scaling", "case", kind, preset, v.ToString(CultureInfo.InvariantCulture), batchOrInputs.ToString(CultureInfo.InvariantCulture), lengthOrSteps.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The case {kind} {preset} V={v} {batchOrInputs} {lengthOrSteps} failed (exit {child.ExitCode}).");
        }

        string[] fields = output.Split(' ');
        var point = new Point(sweep, parameter, x, double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sweep}: {parameter} = {x}: {point.Seconds:F3} s, peak extra {point.PeakExtraMiB:F0} MiB"));
        return point;
    }

    private static int RunCase(string[] args)
    {
        ThreadSettings.Apply();
        // args: case <training|generation> <preset> <V> <batch or inputs> <length or steps>
        string preset = args[2];
        int v = int.Parse(args[3], CultureInfo.InvariantCulture);
        int a = int.Parse(args[4], CultureInfo.InvariantCulture);
        int b = int.Parse(args[5], CultureInfo.InvariantCulture);
        (double seconds, double peak) = args[1] == "training" ? TrainingStep(preset, v, a, b) : Generation(v, a, b);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds:F4} {peak:F1}"));
        return 0;
    }

    private static DenoiserConfig Preset(string name, int length)
    {
        DenoiserConfig config = name switch
        {
            "Tiny" => ModelPreset.Tiny,
            "Small" => ModelPreset.Small,
            "SmallPretrained" => ModelPreset.SmallPretrained,
            "Paper" => ModelPreset.Paper,
            _ => throw new ArgumentException($"Unknown preset '{name}'.", nameof(name)),
        };
        return config with { EmbeddingSize = Workloads.Dimension, MaxTargetLength = Math.Max(config.MaxTargetLength, length), MaxSourceLength = Math.Max(config.MaxSourceLength, length) };
    }

    private static TokenizedCorpus Corpus(int vocabulary, int rows, int length, int seed)
    {
        var random = new Random(seed);
        long[] Row() => Enumerable.Range(0, length).Select(_ => (long)random.Next(1, vocabulary)).ToArray();
        var targets = Enumerable.Range(0, rows).Select(_ => Row()).ToList();
        var sources = Enumerable.Range(0, rows).Select(_ => Row()).ToList();
        return new TokenizedCorpus(targets, sources, length, length, sourcePadId: 0);
    }

    /// <summary>Median of the timed steps after one warm-up step (3 for the large presets, 5 otherwise) and the peak RSS growth.</summary>
    private static (double Seconds, double PeakExtraMiB) TrainingStep(string preset, int v, int batch, int length)
    {
        using EmbeddingMatrix embeddings = Workloads.RandomEmbeddings(v);
        manual_seed(5);
        using var model = new SmoothieDenoiser(Preset(preset, length));
        var options = new TrainingOptions { BatchSize = batch, MaxSteps = 1_000_000, WarmupSteps = 10 };
        using var trainer = new DiffusionTrainer(
            new SmoothieDenoiserNetwork(model, embeddings.Weights), new DistanceLatentSpace(embeddings, sigmaMin: ArctanParameters.Paper.SigmaMin), new ArctanSchedule(), options,
            new CheckpointIdentity("distance", "random", v, preset));
        TokenizedCorpus corpus = Corpus(v, batch * 4, length, seed: 11);
        trainer.TrainStep(corpus); // warm-up
        GC.Collect();
        long before = MemoryProbe.ResetPeakAndReadRss();
        var times = new List<double>();
        int repeats = preset is "Tiny" ? 5 : 3;
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            trainer.TrainStep(corpus);
            times.Add(clock.Elapsed.TotalSeconds);
        }

        long peak = MemoryProbe.ReadStatus("VmHWM:");
        return (times.Order().ElementAt(repeats / 2), (peak - before) / 1024.0);
    }

    /// <summary>One timed generation after a two-step warm-up, and the peak RSS growth.</summary>
    private static (double Seconds, double PeakExtraMiB) Generation(int v, int inputs, int steps)
    {
        using EmbeddingMatrix embeddings = Workloads.RandomEmbeddings(v);
        manual_seed(5);
        using var model = new SmoothieDenoiser(Preset("Tiny", 48));
        model.eval();
        var sampler = new DiffusionSampler(new SmoothieDenoiserNetwork(model, embeddings.Weights), new DistanceLatentSpace(embeddings, sigmaMin: ArctanParameters.Paper.SigmaMin), new ArctanSchedule(), new RenoiseStep());
        var random = new Random(13);
        var sources = Enumerable.Range(0, inputs).Select(_ => Enumerable.Range(0, 48).Select(_ => (long)random.Next(1, v)).ToArray()).ToList();
        using Seq2SeqBatch batch = Seq2SeqBatch.FromSources(sources, 0, CPU);
        using (Seq2SeqBatch warmUp = Seq2SeqBatch.FromSources(sources.Take(2).ToList(), 0, CPU))
        {
            sampler.Generate(2, 48, warmUp, new SamplingOptions { Steps = 2, Seed = 1 });
        }

        GC.Collect();
        long before = MemoryProbe.ResetPeakAndReadRss();
        var clock = Stopwatch.StartNew();
        sampler.Generate(inputs, 48, batch, new SamplingOptions { Steps = steps, Seed = 1 });
        double seconds = clock.Elapsed.TotalSeconds;
        long peak = MemoryProbe.ReadStatus("VmHWM:");
        return (seconds, (peak - before) / 1024.0);
    }

    private static void WriteReport(List<Point> points, string directory, TimeSpan elapsed)
    {
        var report = new StringBuilder();
        var csv = new StringBuilder("sweep,parameter,x,seconds,peak_extra_mib\n");
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Scaling sweep, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, torch threads {get_num_threads()}, {elapsed.TotalMinutes:F1} min. One child process per case: median of 5 training steps (3 for Small, SmallPretrained, Paper) after a warm-up step; one timed generation after a warm-up. Peak extra = VmHWM − RSS after the warm-up (memory the warm-up already mapped and the allocator reuses is not counted again)."));
        int plot = 0;
        foreach (var group in points.GroupBy(p => p.Sweep))
        {
            var list = group.ToList();
            report.AppendLine();
            report.AppendLine($"**{group.Key}**");
            report.AppendLine();
            report.AppendLine($"| {list[0].Parameter} | time (s) | per unit of {list[0].Parameter} (ms) | peak extra (MiB) |");
            report.AppendLine("|---:|---:|---:|---:|");
            foreach (Point p in list)
            {
                string x = p.Parameter == "preset" ? PresetNames[(int)p.X] : p.X.ToString("G", CultureInfo.InvariantCulture);
                string perUnit = p.Parameter == "preset" ? "" : (1e3 * p.Seconds / p.X).ToString("F3", CultureInfo.InvariantCulture);
                report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {x} | {p.Seconds:F3} | {perUnit} | {p.PeakExtraMiB:F0} |"));
                csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"\"{p.Sweep}\",{p.Parameter},{p.X},{p.Seconds:F4},{p.PeakExtraMiB:F1}"));
            }

            if (list[0].Parameter != "preset")
            {
                report.AppendLine();
                report.AppendLine(Fit(list));
                report.AppendLine(WritePlots(list, directory, plot++).Single());
            }
        }

        File.WriteAllText(Path.Combine(directory, "scaling.md"), report.ToString());
        File.WriteAllText(Path.Combine(directory, "scaling.csv"), csv.ToString());
        Console.WriteLine(report.ToString());
    }

    /// <summary>One PNG per sweep (x: the swept parameter, y: seconds); the preset sweep has no numeric x and no plot.</summary>
    private static IEnumerable<string> WritePlots(List<Point> points, string directory, int? index = null)
    {
        var lines = new List<string>();
        int plot = index ?? 0;
        foreach (var group in points.GroupBy(p => p.Sweep).Where(g => g.First().Parameter != "preset"))
        {
            var list = group.ToList();
            string file = Path.Combine(directory, $"scaling-{plot++}-{list[0].Parameter}.png");
            double max = list.Max(p => p.Seconds);
            LinePlotPng.Write(file, list.Select(p => p.X).ToList(), [list.Select(p => p.Seconds).ToList()], 0, max * 1.1);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Plot: `{Path.GetFileName(file)}` (x: {list[0].Parameter}, y: seconds, 0 … {max * 1.1:F2})."));
        }

        return lines;
    }

    /// <summary>Least squares t = a + b·x on the upper half of the sweep, and the log-log slope over the whole sweep.</summary>
    private static string Fit(List<Point> list)
    {
        var upper = list.Skip(list.Count / 2).ToList();
        if (upper.Count < 2)
        {
            upper = list;
        }

        (double a, double b, double r2) = LeastSquares(upper.Select(p => p.X).ToList(), upper.Select(p => p.Seconds).ToList());
        (_, double exponent, double r2Log) = LeastSquares(list.Select(p => Math.Log(p.X)).ToList(), list.Select(p => Math.Log(p.Seconds)).ToList());
        return string.Create(CultureInfo.InvariantCulture,
            $"Fit: above {upper[0].X:G}, t ≈ {a:F3} s + {b * 1e3:F4} ms × {list[0].Parameter} (R² {r2:F3}); over the whole sweep t ∝ {list[0].Parameter}^{exponent:F2} (log-log R² {r2Log:F3}).");
    }

    private static (double Intercept, double Slope, double RSquared) LeastSquares(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        double sxx = x.Sum(a => (a - mx) * (a - mx));
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double intercept = my - (slope * mx);
        double ssTot = y.Sum(b => (b - my) * (b - my));
        double ssRes = x.Zip(y, (a, b) => Math.Pow(b - (intercept + (slope * a)), 2)).Sum();
        return (intercept, slope, ssTot == 0 ? 1 : 1 - (ssRes / ssTot));
    }
}
