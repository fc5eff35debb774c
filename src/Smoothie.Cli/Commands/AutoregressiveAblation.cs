using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Smoothie.Autoregressive;
using Smoothie.Autoregressive.Decoding;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Spectre.Console;

namespace Smoothie.Cli.Commands;

/// <summary>
/// The autoregressive baseline's part of <c>smoothie ablate --models …,autoregressive</c>: trains it with the plan's
/// data, recipe and budget (or loads the finished run), scores it with every beam width of the plan on the same verses
/// and baselines, and caches the rows in its folder as the diffusion runs do.
/// </summary>
internal static class AutoregressiveAblation
{
    /// <summary>One seed: reuses its cached scores, or trains (or loads the finished run) and scores what is missing.</summary>
    public static IEnumerable<AblationRun> RunSeed(AblationPlan plan, int seed, CancellationToken cancellationToken)
    {
        TrainSettings settings = plan.BaseSettings with { Seed = seed, Output = Path.Combine(plan.Root, $"{AblationRun.Autoregressive}-seed{seed}") };
        string cache = Path.Combine(settings.Output, "ablation-runs.json");
        List<AblationRun> cached = File.Exists(cache) ? JsonSerializer.Deserialize<List<AblationRun>>(File.ReadAllText(cache)) ?? [] : [];
        if (plan.BeamWidths.All(w => cached.Any(c => plan.MatchesDecoding(c, w))))
        {
            plan.Console.MarkupLine($"autoregressive · seed {seed}: reusing the scores in {Markup.Escape(cache)}.");
            return plan.BeamWidths.Select(w => Labelled(cached.First(c => plan.MatchesDecoding(c, w)), plan)).ToList();
        }

        plan.Console.Write(new Rule($"autoregressive · seed {seed}").LeftJustified());
        bool finished = cached.Count > 0 && AutoregressiveFolder.IsModelFolder(settings.Output);
        using AutoregressiveModel model = finished
            ? AutoregressiveModel.Load(settings.Output, DeviceSelection.Resolve(settings.Device))
            : AutoregressiveRecipe.Build(settings, plan.Train);
        (long steps, double minutes) = finished ? (cached[0].TrainSteps, cached[0].TrainMinutes) : TrainedFor(AutoregressiveRecipe.Train(model, settings, plan.Train, plan.Valid, plan.Console, cancellationToken));
        var runs = new List<AblationRun>(cached);
        foreach (int width in plan.BeamWidths.Where(w => !cached.Any(c => plan.MatchesDecoding(c, w))))
        {
            var run = new AblationRun(string.Empty, AblationRun.Autoregressive, seed, steps, minutes, width == 1 ? AblationRun.Greedy : AblationRun.Beam, width, plan.Test.Count, 0, 0, 0, 0, null, 0);
            runs.Add(Score(plan, model, settings.Output, run, cancellationToken));
        }

        File.WriteAllText(cache, JsonSerializer.Serialize(runs, new JsonSerializerOptions { WriteIndented = true }));
        return plan.BeamWidths.Select(w => Labelled(runs.First(c => plan.MatchesDecoding(c, w)), plan)).ToList();
    }

    /// <summary>The table label of a row: the decoding it used.</summary>
    public static string LabelOf(AblationRun run) => run.SamplingSteps == 1
        ? "autoregressive (greedy)"
        : string.Create(CultureInfo.InvariantCulture, $"autoregressive (beam {run.SamplingSteps})");

    private static AblationRun Labelled(AblationRun run, AblationPlan plan) => run with { Label = LabelOf(run), Split = plan.Split };

    private static AblationRun Score(AblationPlan plan, AutoregressiveModel model, string output, AblationRun run, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> hypotheses = model.Generate(plan.Test.Select(p => p.Source).ToList(), new DecodingOptions { BeamWidth = run.SamplingSteps }, cancellationToken);
        double seconds = clock.Elapsed.TotalSeconds;
        EvaluationReport report = PipelineEvaluation.Score(plan.Test, hypotheses, plan.Baselines.Lookup, plan.Baselines.TargetWords);
        double? f1 = plan.Bert?.CorpusScore(report.Hypotheses, plan.References).F1 * 100;
        plan.Console.MarkupLine(Markup.Escape(LabelOf(run)) + $": BLEU {report.Bleu:F1} / lowercased {report.BleuLowercase:F1}, ROUGE-L {100 * report.RougeL:F1}, SARI {report.Sari:F1}, archaic rewritten {report.ArchaicRewritten:F1} %"
            + (f1 is { } f ? $", BERTScore F1 {f:F1}" : string.Empty) + $" ({seconds:F0} s)");
        File.WriteAllLines(Path.Combine(output, $"{plan.Split}-hypotheses-{run.Solver}-{run.SamplingSteps}.txt"), report.Hypotheses);
        return run with
        {
            Bleu = report.Bleu,
            BleuLowercase = report.BleuLowercase,
            RougeL = 100 * report.RougeL,
            Sari = report.Sari,
            BertScoreF1 = f1,
            SampleSeconds = seconds,
            Split = plan.Split,
            Archaic = report.ArchaicRewritten,
            Reader = ReaderScores.Of(report),
        };
    }

    private static (long Steps, double Minutes) TrainedFor(Smoothie.Training.Trainer.TrainingRunResult run) => (run.Steps, run.Elapsed.TotalMinutes);
}
