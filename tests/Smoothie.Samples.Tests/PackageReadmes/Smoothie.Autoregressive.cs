using Smoothie.Autoregressive;
using Smoothie.Autoregressive.Configuration;
using Smoothie.Data;
using Smoothie.Training.Trainer;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Autoregressive/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieAutoregressiveReadme
{
    public static IReadOnlyList<string> Example()
    {
        IReadOnlyList<Seq2SeqPair> train = BibleCorpus.Pairs(BibleSplit.Train, "kjv", "web");
        using AutoregressiveModel model = AutoregressiveModel.Create(new AutoregressiveSettings(), train.Select(p => p.Target));
        model.Train(train, validation: null, new TrainingOptions { MaxDuration = TimeSpan.FromMinutes(5) }, "runs/autoregressive");
        IReadOnlyList<string> modern = model.Generate(["And Isaac dwelt in Gerar:"]);
        return modern;
    }
}
