using System.Globalization;
using System.Text;
using Smoothie.Data;
using Smoothie.Diffusion;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Embeddings;
using Smoothie.Latent.Spaces;
using Smoothie.Models.Configuration;
using Smoothie.Schedulers.Schedules;
using Smoothie.Text;
using Smoothie.Training.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Smoothie.Samples.TrueTokenPlot;

/// <summary>
/// Draws docs/images/true-token-probability.png: for each latent space with its paper schedule, over the MiniLM
/// embeddings restricted to the vocabulary of bundled Bible verses, the mean probability that a noisy latent x_t still
/// points at its true token, as a function of the diffusion time t. The probability is the exact posterior of the
/// forward process with a uniform prior over the vocabulary:
/// <c>p(w | x_t) = softmax_j(−‖x_t − μ_t·x0(j)‖² / (2·std_t²))_w</c>, averaged over token occurrences of the verses.
/// </summary>
public static class TrueTokenPlotSample
{
    /// <summary>Runs the sample: <c>[--out FILE.png] [--verses N] [--tokens N] [--points N]</c>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where to print the table.</param>
    /// <returns>0 on success.</returns>
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = new Dictionary<string, string> { ["--out"] = "docs/images/true-token-probability.png", ["--verses"] = "1000", ["--tokens"] = "512", ["--points"] = "50", ["--distance"] = string.Empty };
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!options.ContainsKey(args[i]) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unknown option or missing value: {args[i]}. Usage: [--out FILE.png] [--verses N] [--tokens N] [--points N] [--distance sigmaMin=1.06,sigmaMax=141;d=20]", nameof(args));
            }

            options[args[i]] = args[i + 1];
        }

        string path = Path.GetFullPath(options["--out"]);
        double[] times = TimeGrid(PositiveInt(options, "--points"));
        IReadOnlyList<TrueTokenCurve> curves = Compute(PositiveInt(options, "--verses"), PositiveInt(options, "--tokens"), times, DistanceVariants(options["--distance"]));

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        LinePlotPng.Write(path, times, curves.Select(c => c.Probabilities).ToList(), yMin: 0, yMax: 1);
        var csv = new StringBuilder("t," + string.Join(',', curves.Select(c => c.Label)) + "\n");
        for (int i = 0; i < times.Length; i++)
        {
            csv.AppendLine(CultureInfo.InvariantCulture, $"{times[i]:0.####},{string.Join(',', curves.Select(c => c.Probabilities[i].ToString("0.######", CultureInfo.InvariantCulture)))}");
        }

        File.WriteAllText(Path.ChangeExtension(path, ".csv"), csv.ToString());
        string viewPath = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-input-view.png");
        LinePlotPng.Write(viewPath, times, curves.Select(c => c.InputViewProbabilities ?? c.Probabilities).ToList(), yMin: 0, yMax: 1);
        var viewCsv = new StringBuilder("t," + string.Join(',', curves.Select(c => c.Label)) + "\n");
        for (int i = 0; i < times.Length; i++)
        {
            viewCsv.AppendLine(CultureInfo.InvariantCulture, $"{times[i]:0.####},{string.Join(',', curves.Select(c => (c.InputViewProbabilities ?? c.Probabilities)[i].ToString("0.######", CultureInfo.InvariantCulture)))}");
        }

        File.WriteAllText(Path.ChangeExtension(viewPath, ".csv"), viewCsv.ToString());
        output.WriteLine($"Wrote {path} and {Path.ChangeExtension(path, ".csv")}.");
        for (int s = 0; s < curves.Count; s++)
        {
            (byte r, byte g, byte b) = LinePlotPng.ColorOf(s);
            output.WriteLine($"{curves[s].Label} ({curves[s].Schedule}) colour #{r:x2}{g:x2}{b:x2}, V = {curves[s].VocabularySize}: " +
                string.Join("  ", new[] { 0, times.Length / 4, times.Length / 2, 3 * times.Length / 4, times.Length - 1 }.Select(i => $"t={times[i]:0.00}: {curves[s].Probabilities[i]:0.000}"))
                + "  | denoiser input: " + string.Join("  ", new[] { 0, times.Length / 8, times.Length / 4, times.Length / 2, times.Length - 1 }.Select(i => $"t={times[i]:0.00}: {(curves[s].InputViewProbabilities ?? curves[s].Probabilities)[i]:0.000}")));
        }

        return 0;
    }

    /// <summary>t from 0.01 to 0.99 (the ends are excluded: std_t = 0 at t = 0 for the baseline schedules).</summary>
    /// <param name="points">Number of times.</param>
    public static double[] TimeGrid(int points) =>
        points >= 2 ? Enumerable.Range(0, points).Select(i => 0.01 + (0.98 * i / (points - 1))).ToArray() : throw new ArgumentOutOfRangeException(nameof(points), points, "At least 2 points.");

    /// <summary>Parses <c>name=value,…;name=value,…</c> into distance-space variants (σ_min and Arctan parameters; unset ones keep the paper's values).</summary>
    /// <param name="text">The variants, or an empty string for none.</param>
    /// <returns>One dictionary per variant.</returns>
    public static IReadOnlyList<IReadOnlyDictionary<string, double>> DistanceVariants(string text) =>
        (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(variant => (IReadOnlyDictionary<string, double>)variant.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToDictionary(
                pair => pair.Split('=')[0].Trim(),
                pair => pair.Split('=') is [_, string v] && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                    ? value
                    : throw new ArgumentException($"--distance: '{pair}' is not name=value with a number.", nameof(text))))
            .ToList();

    /// <summary>One curve per latent space (distance, embedding, simplex), each with its paper schedule, then one per distance variant.</summary>
    /// <param name="verses">How many training verses define the sub-vocabulary and the token sample.</param>
    /// <param name="tokens">How many token occurrences to average over.</param>
    /// <param name="times">The diffusion times.</param>
    /// <param name="distanceVariants">Extra distance-space settings (sigmaMin, d, delta, sigmaMax), or null.</param>
    public static IReadOnlyList<TrueTokenCurve> Compute(int verses, int tokens, IReadOnlyList<double> times, IReadOnlyList<IReadOnlyDictionary<string, double>>? distanceVariants = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        List<string> targets = BibleCorpus.Pairs(BibleSplit.Train, "kjv", "web").Take(verses).Select(p => p.Target).ToList();
        var curves = new List<TrueTokenCurve>();
        var runs = new List<(LatentSpaceKind Kind, IReadOnlyDictionary<string, double>? Variant)>
        {
            (LatentSpaceKind.Distance, null), (LatentSpaceKind.Embedding, null), (LatentSpaceKind.Simplex, null),
        };
        runs.AddRange((distanceVariants ?? []).Select(v => (LatentSpaceKind.Distance, (IReadOnlyDictionary<string, double>?)v)));
        foreach ((LatentSpaceKind kind, IReadOnlyDictionary<string, double>? variant) in runs)
        {
            SmoothieBuilder builder = SmoothieBuilder.Create().UseMiniLmEmbeddings();
            string label = kind.ToString().ToLowerInvariant();
            if (variant is null)
            {
                builder = builder.UseLatentSpace(kind);
            }
            else
            {
                Dictionary<string, double> arctan = ArctanParameters.Paper.ToDictionary();
                arctan.Remove("sigmaMin"); // the space's, set below
                foreach ((string key, double value) in variant.Where(p => p.Key != "sigmaMin"))
                {
                    arctan[key] = value;
                }

                double sigmaMin = variant.TryGetValue("sigmaMin", out double m) ? m : ArctanParameters.Paper.SigmaMin;
                builder = builder.UseDistanceSpace(sigmaMin).UseSchedule("arctan", arctan);
                label = string.Create(CultureInfo.InvariantCulture, $"distance σmin={sigmaMin} σmax={arctan["sigmaMax"]} d={arctan["d"]} δ={arctan["delta"]}");
            }

            // The pipeline supplies the space and schedule exactly as training uses them (its tiny model is not used).
            using SmoothiePipeline pipeline = builder
                .UseModel(ModelPreset.Tiny with { HiddenSize = 32, AttentionHeads = 2, DenoiserLayers = 2, IntermediateSize = 64, ConditionEncoderLayers = 1 })
                .UseSubVocabularyOf(targets)
                .UseDevice(DeviceKind.Cpu)
                .Build();
            long[] sample = SampleTokens(pipeline, targets, tokens);
            double[] probabilities = times.Select(t => MeanTrueTokenProbability(pipeline.Space, pipeline.Schedule, sample, t, seed: 11)).ToArray();
            double[] inputView = times.Select(t => MeanInputViewProbability(pipeline.Space, pipeline.Schedule, sample, t, seed: 11)).ToArray();
            curves.Add(new TrueTokenCurve(kind, pipeline.Schedule.Name, pipeline.SubVocabulary!.Count, probabilities) { Label = label, InputViewProbabilities = inputView });
        }

        return curves;
    }

    /// <summary>The mean over <paramref name="tokenIds"/> of p(w | x_t), x_t drawn from the forward process at time t.</summary>
    /// <param name="space">The latent space.</param>
    /// <param name="schedule">The schedule.</param>
    /// <param name="tokenIds">Token ids of the space's vocabulary.</param>
    /// <param name="t">The diffusion time.</param>
    /// <param name="seed">The seed of the noise.</param>
    /// <summary>
    /// The mean weight of the true token in what the denoiser is given: softmax(x_t) for V-dimensional latents (distance,
    /// simplex: the network sees softmax(x_t)·E), and the posterior given x_t for the embedding space (the network sees x_t).
    /// </summary>
    /// <param name="space">The latent space.</param>
    /// <param name="schedule">The schedule.</param>
    /// <param name="tokenIds">Token ids (of the space's vocabulary).</param>
    /// <param name="t">The time.</param>
    /// <param name="seed">Noise seed.</param>
    public static double MeanInputViewProbability(ILatentSpace space, INoiseSchedule schedule, long[] tokenIds, double t, int seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(tokenIds);
        if (space.LatentDimension == space.InputDimension)
        {
            return MeanTrueTokenProbability(space, schedule, tokenIds, t, seed);
        }

        using var scope = NewDisposeScope();
        Tensor ids = tensor(tokenIds).unsqueeze(0);
        Tensor clean = space.CleanLatent(ids).squeeze(0).to_type(ScalarType.Float64);
        using var generator = new Generator((ulong)seed);
        Tensor noisy = (schedule.Mu(t) * clean) + (schedule.Std(t) * randn(clean.shape, ScalarType.Float64, generator: generator));
        return noisy.log_softmax(1).gather(1, ids.t()).exp().mean().item<double>();
    }

    public static double MeanTrueTokenProbability(ILatentSpace space, INoiseSchedule schedule, long[] tokenIds, double t, int seed)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(tokenIds);
        using var scope = NewDisposeScope();
        double mu = schedule.Mu(t), std = schedule.Std(t);
        Tensor ids = tensor(tokenIds).unsqueeze(0);
        Tensor clean = space.CleanLatent(ids).squeeze(0).to_type(ScalarType.Float64);                                  // [B, D]
        Tensor everyToken = space.CleanLatent(arange(VocabularyOf(space)).unsqueeze(0))
            .squeeze(0).to_type(ScalarType.Float64);                                                                        // [V, D]
        using var generator = new Generator((ulong)seed);
        Tensor noisy = (mu * clean) + (std * randn(clean.shape, ScalarType.Float64, generator: generator));              // x_t
        // −‖x_t − μ x0(j)‖² / (2 std²) without the ‖x_t‖² term, which is the same for every j.
        Tensor logits = ((2 * mu * noisy.matmul(everyToken.t())) - (mu * mu * everyToken.pow(2).sum(1))) / (2 * std * std); // [B, V]
        Tensor probability = logits.log_softmax(1).gather(1, ids.t()).exp();
        return probability.mean().item<double>();
    }

    private static long VocabularyOf(ILatentSpace space) => space is LatentSpaceBase b ? b.VocabularySize : throw new ArgumentException("Expected a built-in latent space.", nameof(space));

    private static long[] SampleTokens(SmoothiePipeline pipeline, IReadOnlyList<string> targets, int count)
    {
        // The targets' content tokens as the model sees them: codec rows of the target length, in sub-vocabulary ids.
        ITextCodec codec = pipeline.Codec;
        SubVocabulary sub = pipeline.SubVocabulary!;
        var special = new HashSet<int> { codec.PadId, codec.EndId };
        foreach (int? id in new[] { codec.StartId, codec.UnknownId })
        {
            if (id is { } value)
            {
                special.Add(value);
            }
        }

        long[] occurrences = codec.EncodeBatch(targets, pipeline.Configuration.TargetLength).Ids
            .Where(id => !special.Contains((int)id))
            .Select(id => (long)sub.ToSub((int)id))
            .ToArray();
        var random = new Random(5);
        return Enumerable.Range(0, count).Select(_ => occurrences[random.Next(occurrences.Length)]).ToArray();
    }

    private static int PositiveInt(Dictionary<string, string> options, string name) =>
        int.TryParse(options[name], CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive integer; got '{options[name]}'.", name);
}
