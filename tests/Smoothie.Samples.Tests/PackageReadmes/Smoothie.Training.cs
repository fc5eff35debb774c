using Smoothie.Latent.Spaces;
using Smoothie.Models.Denoising;
using Smoothie.Schedulers.Schedules;
using Smoothie.Training.Checkpoints;
using Smoothie.Training.Data;
using Smoothie.Training.Trainer;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Training/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieTrainingReadme
{
    public static long Example(IDenoiserNetwork network, ILatentSpace space, INoiseSchedule schedule, TokenizedCorpus train)
    {
        // network, space and schedule as for sampling; train: a TokenizedCorpus of target (and source) token ids.
        var options = new TrainingOptions { MaxSteps = 1_000, BatchSize = 32, MaxDuration = TimeSpan.FromMinutes(10) };
        var identity = new CheckpointIdentity(space.Name, "my-embeddings", space.LatentDimension, "tiny");
        using var trainer = new DiffusionTrainer(network, space, schedule, options, identity);
        TrainingRunResult result = trainer.Run(train, validation: null, new CheckpointStore("runs/my-model"));
        Console.WriteLine($"trained {result.Steps} steps");
        return result.Steps;
    }
}
