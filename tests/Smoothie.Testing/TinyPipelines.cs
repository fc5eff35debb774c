using Smoothie.Data;
using Smoothie.Diffusion;
using Smoothie.Diffusion.Configuration;
using Smoothie.Models.Configuration;

namespace Smoothie.Testing;

/// <summary>Small, fast pipelines over a handful of Bible verses (MiniLM embeddings restricted to their tokens).</summary>
public static class TinyPipelines
{
    /// <summary>The tiny denoiser: h = 32, 2 heads, 2 denoiser layers, FFN 64, 1 condition-encoder layer, 16 positions.</summary>
    public static DenoiserConfig Model { get; } = ModelPreset.Tiny with
    {
        HiddenSize = 32,
        AttentionHeads = 2,
        DenoiserLayers = 2,
        IntermediateSize = 64,
        ConditionEncoderLayers = 1,
        MaxTargetLength = 16,
        MaxSourceLength = 16,
    };

    /// <summary>24 short validation verses (at most 8 words on each side).</summary>
    public static IReadOnlyList<Seq2SeqPair> Pairs { get; } = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web")
        .Where(p => p.Source.Split(' ').Length <= 8 && p.Target.Split(' ').Length <= 8).Take(24).ToList();

    /// <summary>The tiny pipeline over the sub-vocabulary of <see cref="Pairs"/>' targets: 4 sampling steps, seed 3, on the CPU.</summary>
    /// <param name="latent">The latent space.</param>
    public static SmoothieBuilder Builder(LatentSpaceKind latent = LatentSpaceKind.Distance) =>
        Builder(latent, Pairs.Select(p => p.Target), steps: 4, seed: 3);

    /// <summary>The tiny pipeline (<see cref="Model"/>, lengths 16 and 16) over the sub-vocabulary of some texts, on the CPU.</summary>
    /// <param name="latent">The latent space.</param>
    /// <param name="subVocabularyOf">The texts whose tokens make up the sub-vocabulary.</param>
    /// <param name="steps">The sampling steps.</param>
    /// <param name="seed">The seed, or null for the builder's default.</param>
    public static SmoothieBuilder Builder(LatentSpaceKind latent, IEnumerable<string> subVocabularyOf, int steps, int? seed)
    {
        SmoothieBuilder builder = SmoothieBuilder.Create()
            .UseMiniLmEmbeddings()
            .UseLatentSpace(latent)
            .UseModel(Model)
            .UseLengths(16, 16)
            .UseSampling(steps: steps)
            .UseSubVocabularyOf(subVocabularyOf)
            .UseDevice(DeviceKind.Cpu);
        return seed is { } s ? builder.UseSeed(s) : builder;
    }
}
