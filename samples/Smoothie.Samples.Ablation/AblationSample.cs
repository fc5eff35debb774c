using Smoothie.Data;
using Smoothie.Diffusion;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Configuration;
using Smoothie.Training.Trainer;

namespace Smoothie.Samples.Ablation;

/// <summary>
/// The paper's ablation in miniature: the same data, model and budget, with the latent space swapped by one line
/// (<c>.UseLatentSpace(kind)</c>; each space comes with its paper schedule: Arctan, CosineSD, Tess), trained for a few
/// steps each, then scored on held-out verses with <c>pipeline.Evaluate</c>.
/// </summary>
public static class AblationSample
{
    /// <summary>The spaces compared, in table order.</summary>
    public static IReadOnlyList<LatentSpaceKind> Spaces { get; } = [LatentSpaceKind.Distance, LatentSpaceKind.Embedding, LatentSpaceKind.Simplex];

    /// <summary>Runs the sample and prints the table.</summary>
    /// <param name="args">See <see cref="AblationArguments"/>.</param>
    /// <param name="output">Where to print.</param>
    /// <returns>0 on success.</returns>
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        IReadOnlyList<AblationRow> rows = Compare(AblationArguments.Parse(args), output);
        output.WriteLine();
        output.WriteLine("| latent    | schedule  | steps | last loss | BLEU | ROUGE-L | SARI | copy BLEU | train s |");
        output.WriteLine("| --------- | --------- | ----- | --------- | ---- | ------- | ---- | --------- | ------- |");
        foreach (AblationRow row in rows)
        {
            EvaluationReport r = row.Report;
            output.WriteLine(
                $"| {row.Latent,-9} | {row.Schedule,-9} | {row.Training.Steps,5} | {row.Training.Losses[^1],9:0.000} | {r.Bleu,4:0.0} | {r.RougeL,7:0.000} | {r.Sari,4:0.0} | {r.CopyBleu,9:0.0} | {row.Training.Elapsed.TotalSeconds,7:0.0} |");
        }

        output.WriteLine("Loss: MSE of the predicted embedding (distance, embedding); cross-entropy of the token head (simplex).");
        return 0;
    }

    /// <summary>Trains and evaluates one pipeline per latent space.</summary>
    /// <param name="arguments">Steps, evaluation size and output folder.</param>
    /// <param name="log">Where to print progress.</param>
    public static IReadOnlyList<AblationRow> Compare(AblationArguments arguments, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(log);
        static bool Short(Seq2SeqPair p) => p.Source.Split(' ').Length <= 12 && p.Target.Split(' ').Length <= 12;
        IReadOnlyList<Seq2SeqPair> train = BibleCorpus.Pairs(BibleSplit.Train, "kjv", "web").Where(Short).Take(300).ToList();
        IReadOnlyList<Seq2SeqPair> heldOut = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Where(Short).Take(arguments.EvaluationPairs).ToList();
        var training = new TrainingOptions { BatchSize = 16, LearningRate = 1e-3, WarmupSteps = 5, MaxSteps = arguments.Steps, EvaluateEvery = 0, CheckpointEvery = 0 };
        var generation = new GenerationOptions { Steps = 20, Seed = 7 };

        var rows = new List<AblationRow>();
        foreach (LatentSpaceKind kind in Spaces)
        {
            using SmoothiePipeline pipeline = SmoothieBuilder.Create()
                .UseMiniLmEmbeddings()
                .UseLatentSpace(kind) // the one line that changes: Distance + Arctan, Embedding + CosineSD, Simplex + Tess
                .UseModel(ModelPreset.Tiny with { HiddenSize = 64, AttentionHeads = 2, DenoiserLayers = 2, IntermediateSize = 128, ConditionEncoderLayers = 1 })
                .UseLengths(source: 24, target: 24)
                .UseSubVocabularyOf(train.Select(p => p.Target))
                .UseDevice(DeviceKind.Cpu)
                .UseSeed(1)
                .Build();
            log.WriteLine($"{kind}: training {arguments.Steps} steps with the {pipeline.Configuration.Schedule} schedule…");
            TrainingRunResult run = pipeline.Train(train, validation: null, training, Path.Combine(arguments.Output, kind.ToString().ToLowerInvariant()));
            EvaluationReport report = pipeline.Evaluate(heldOut, generation);
            rows.Add(new AblationRow(kind, pipeline.Configuration.Schedule, run, report));
        }

        return rows;
    }
}
