using Smoothie.Autoregressive.Configuration;
using Smoothie.Data;
using Smoothie.Testing;
using Smoothie.Training.Trainer;

namespace Smoothie.Autoregressive.Tests;

/// <summary>Tiny autoregressive models and a copy task over a handful of short Bible verses.</summary>
internal static class TinyAutoregressive
{
    /// <summary>h = 32, 2 heads, 1 encoder and 1 decoder block, FFN 64, rows of 16 tokens.</summary>
    public static AutoregressiveSettings Settings { get; } = new()
    {
        Network = new AutoregressiveConfig
        {
            HiddenSize = 32,
            AttentionHeads = 2,
            EncoderLayers = 1,
            DecoderLayers = 1,
            IntermediateSize = 64,
            MaxSourceLength = 16,
            MaxTargetLength = 16,
        },
        SourceLength = 16,
        TargetLength = 16,
    };

    /// <summary>The copy task: eight short KJV verses, each its own target.</summary>
    public static IReadOnlyList<Seq2SeqPair> CopyPairs { get; } = TinyPipelines.Pairs.Take(8).Select(p => new Seq2SeqPair(p.Source, p.Source)).ToList();

    /// <summary>The copy task's sources.</summary>
    public static IReadOnlyList<string> CopySources { get; } = CopyPairs.Select(p => p.Source).ToList();

    /// <summary>A fresh untrained model over the copy task's targets.</summary>
    public static AutoregressiveModel Untrained(int seed = 1) => AutoregressiveModel.Create(Settings, CopyPairs.Select(p => p.Target), seed: seed);

    /// <summary>Training options for the copy task: batch 8, lr 3e-3, 20 warm-up steps, no checkpoints by time.</summary>
    public static TrainingOptions Options(long steps) => new()
    {
        BatchSize = 8,
        LearningRate = 3e-3,
        WarmupSteps = 20,
        MaxSteps = steps,
        EvaluateEvery = 0,
        CheckpointEvery = 0,
        CheckpointInterval = null,
        EmaRate = 0.9,
        Seed = 5,
    };

    /// <summary>A new empty temporary folder.</summary>
    public static string TemporaryFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "smoothie-ar-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
