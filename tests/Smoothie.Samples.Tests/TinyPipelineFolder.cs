using Smoothie.Data;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;

namespace Smoothie.Samples.Tests;

/// <summary>Writes a tiny (untrained) pipeline folder over a few bundled verses, as an application would ship one.</summary>
internal static class TinyPipelineFolder
{
    public static void Write(string folder)
    {
        IEnumerable<string> targets = BibleCorpus.Pairs(BibleSplit.Valid, "kjv", "web").Take(24).Select(p => p.Target);
        using SmoothiePipeline pipeline = TinyPipelines.Builder(LatentSpaceKind.Distance, targets, steps: 4, seed: 5).Build();
        pipeline.Save(folder);
    }
}
