using Smoothie.Data;
using Smoothie.Diffusion;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Configuration;

namespace Smoothie.Samples.Tests;

/// <summary>Writes a tiny (untrained) pipeline folder over a few bundled verses, as an application would ship one.</summary>
internal static class TinyPipelineFolder
{
    public static void Write(string folder)
    {
        IEnumerable<string> targets = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Take(24).Select(p => p.Target);
        using SmoothiePipeline pipeline = SmoothieBuilder.Create()
            .UseMiniLmEmbeddings()
            .UseDistanceSpace()
            .UseModel(ModelPreset.Tiny with
            {
                HiddenSize = 32,
                AttentionHeads = 2,
                DenoiserLayers = 2,
                IntermediateSize = 64,
                ConditionEncoderLayers = 1,
                MaxTargetLength = 16,
                MaxSourceLength = 16,
            })
            .UseLengths(16, 16)
            .UseSampling(steps: 4)
            .UseSubVocabularyOf(targets)
            .UseDevice(DeviceKind.Cpu)
            .UseSeed(5)
            .Build();
        pipeline.Save(folder);
    }
}
