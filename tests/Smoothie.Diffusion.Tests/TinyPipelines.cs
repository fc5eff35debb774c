using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Configuration;

namespace Smoothie.Diffusion.Tests;

/// <summary>Small, fast pipelines over a handful of Bible verses (MiniLM embeddings restricted to their tokens).</summary>
internal static class TinyPipelines
{
    public static readonly DenoiserConfig Model = ModelPreset.Tiny with
    {
        HiddenSize = 32,
        AttentionHeads = 2,
        DenoiserLayers = 2,
        IntermediateSize = 64,
        ConditionEncoderLayers = 1,
        MaxTargetLength = 16,
        MaxSourceLength = 16,
    };

    public static IReadOnlyList<Seq2SeqPair> Pairs { get; } = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web")
        .Where(p => p.Source.Split(' ').Length <= 8 && p.Target.Split(' ').Length <= 8).Take(24).ToList();

    public static SmoothieBuilder Builder(LatentSpaceKind latent = LatentSpaceKind.Distance) => SmoothieBuilder.Create()
        .UseMiniLmEmbeddings()
        .UseLatentSpace(latent)
        .UseModel(Model)
        .UseLengths(16, 16)
        .UseSampling(steps: 4)
        .UseSubVocabularyOf(Pairs.Select(p => p.Target))
        .UseDevice(DeviceKind.Cpu)
        .UseSeed(3);
}
