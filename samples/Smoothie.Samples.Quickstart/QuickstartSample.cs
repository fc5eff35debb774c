using Smoothie.Data;
using Smoothie.Diffusion;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Configuration;
using Smoothie.Training.Trainer;

namespace Smoothie.Samples.Quickstart;

/// <summary>
/// Build a pipeline with the fluent builder, train it for a few steps on bundled Bible verses (KJV → modern English),
/// rewrite three verses, save the pipeline folder, load it back and check it generates the same.
/// Tiny settings: it finishes in well under a minute on a laptop CPU; the outputs of so short a run are rough.
/// </summary>
public static class QuickstartSample
{
    /// <summary>Runs the sample.</summary>
    /// <param name="args">See <see cref="QuickstartArguments"/>.</param>
    /// <param name="output">Where to print.</param>
    /// <returns>0 on success.</returns>
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        QuickstartArguments arguments = QuickstartArguments.Parse(args);

        // 1. Data: a few hundred short verse pairs bundled with Smoothie.Data (no download).
        IReadOnlyList<Seq2SeqPair> pairs = BibleCorpus.Pairs(BibleSplit.Train, "kjv", "web")
            .Where(p => p.Source.Split(' ').Length <= 12 && p.Target.Split(' ').Length <= 12)
            .Take(300)
            .ToList();

        // 2. The pipeline: MiniLM embeddings restricted to the tokens of the targets, Smoothie's distance space and
        //    Arctan schedule, and a very small denoiser.
        using SmoothiePipeline pipeline = SmoothieBuilder.Create()
            .UseMiniLmEmbeddings()
            .UseDistanceSpace(sigmaMin: 1.5)
            .UseArctanSchedule(d: 9, delta: 1.0, sigmaMax: 200)
            .UseModel(ModelPreset.Tiny with { HiddenSize = 64, AttentionHeads = 2, DenoiserLayers = 2, IntermediateSize = 128, ConditionEncoderLayers = 1 })
            .UseLengths(source: 24, target: 24)
            .UseSampling(steps: 20)
            .UseSubVocabularyOf(pairs.Select(p => p.Target))
            .UseDevice(DeviceKind.Cpu)
            .Build();
        output.WriteLine($"Built a {pipeline.Space.Name}-space pipeline over {pipeline.SubVocabulary!.Count} tokens.");

        // 3. Train: stops at --steps or --minutes, whichever comes first, then saves the pipeline folder.
        var training = new TrainingOptions
        {
            BatchSize = 16,
            LearningRate = 1e-3,
            WarmupSteps = 5,
            MaxSteps = arguments.Steps,
            MaxDuration = TimeSpan.FromMinutes(arguments.Minutes),
            EvaluateEvery = 0,
            CheckpointEvery = 0,
        };
        TrainingRunResult run = pipeline.Train(pairs, validation: null, training, arguments.Output);
        output.WriteLine($"Trained {run.Steps} steps in {run.Elapsed.TotalSeconds:0.0} s; last loss {run.Losses[^1]:0.000}.");

        // 4. Generate: rewrite three verses.
        string[] verses = [pairs[0].Source, pairs[1].Source, pairs[2].Source];
        var generation = new GenerationOptions { Steps = 20, Seed = 7 };
        IReadOnlyList<string> rewrites = pipeline.Generate(verses, generation);
        for (int i = 0; i < verses.Length; i++)
        {
            output.WriteLine($"KJV:       {verses[i]}");
            output.WriteLine($"Smoothie:  {rewrites[i]}");
        }

        // 5. Save and load: the folder holds pipeline.json, the vocabulary, the sub-vocabulary and the weights.
        pipeline.Save(arguments.Output);
        using SmoothiePipeline loaded = SmoothiePipeline.Load(arguments.Output, DeviceKind.Cpu);
        IReadOnlyList<string> again = loaded.Generate(verses, generation);
        bool same = again.SequenceEqual(rewrites);
        output.WriteLine($"Saved to {arguments.Output}; the loaded pipeline generates {(same ? "the same texts" : "DIFFERENT texts")}.");
        return same ? 0 : 1;
    }
}
