using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Sampling;
using Smoothie.Sampling.Solvers;
using Smoothie.Schedulers.Schedules;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Sampling/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieSamplingReadme
{
    public static long[][] Example(IDenoiserNetwork network, ILatentSpace space, INoiseSchedule schedule, Seq2SeqBatch? sources)
    {
        // network (Smoothie.Models), space (Smoothie.Latent) and schedule (Smoothie.Schedulers) of a trained model.
        IReverseStep solver = ReverseSteps.Create(ReverseSteps.Ddim);
        var sampler = new DiffusionSampler(network, space, schedule, solver);
        long[][] tokens = sampler.Generate(batchSize: 2, length: 32, sources, new SamplingOptions { Steps = 50, Seed = 1 });
        return tokens;
    }
}
