using Smoothie.Data;
using Smoothie.Diffusion;
using Smoothie.Diffusion.Configuration;
using Smoothie.Diffusion.Pipelines;
using Smoothie.Models.Configuration;

namespace Smoothie.Samples.WebApi;

/// <summary>
/// The pipeline served when no <c>Smoothie:PipelinePath</c> is configured and <c>Smoothie:AllowUntrainedPipeline</c> opts
/// in: tiny and untrained, over the vocabulary of a few hundred bundled verses, so the sample can be tried anywhere. Train one with the quickstart sample or
/// <c>smoothie train</c> and set <c>Smoothie:PipelinePath</c> to serve real rewrites.
/// </summary>
public static class DemoPipeline
{
    /// <summary>Builds the pipeline (called once by the generator, when the server starts).</summary>
    /// <param name="services">The container (for logging).</param>
    public static SmoothiePipeline Create(IServiceProvider services)
    {
        ILogger logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoPipeline));
        logger.LogWarning("Smoothie:AllowUntrainedPipeline without Smoothie:PipelinePath: serving a tiny UNTRAINED demo pipeline (its outputs are noise). Set Smoothie:PipelinePath to a trained pipeline folder.");
        IEnumerable<string> targets = BibleCorpus.Pairs(BibleSplit.Train, "kjv", "web").Take(300).Select(p => p.Target);
        return SmoothieBuilder.Create()
            .UseMiniLmEmbeddings()
            .UseDistanceSpace()
            .UseModel(ModelPreset.Tiny with { HiddenSize = 64, AttentionHeads = 2, DenoiserLayers = 2, IntermediateSize = 128, ConditionEncoderLayers = 1 })
            .UseLengths(source: 32, target: 32)
            .UseSubVocabularyOf(targets)
            .UseDevice(DeviceKind.Cpu)
            .Build();
    }
}
