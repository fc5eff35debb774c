using Smoothie.Runtime.Files;
using Smoothie.Testing;
using Smoothie.Training.Trainer;
using static TorchSharp.torch;

namespace Smoothie.Autoregressive.Tests;

/// <summary>Checkpoints: a run stopped and resumed ends with the weights of the uninterrupted run.</summary>
public sealed class TrainingResumeTests
{
    [Fact]
    public void ResumingFromACheckpointRepeatsTheUninterruptedRun()
    {
        string straight = TinyAutoregressive.TemporaryFolder();
        string resumed = TinyAutoregressive.TemporaryFolder();
        try
        {
            using (AutoregressiveModel model = TinyAutoregressive.Untrained(seed: 2))
            {
                Assert.Equal(12, model.Train(TinyAutoregressive.CopyPairs, TinyAutoregressive.CopyPairs, TinyAutoregressive.Options(12) with { EvaluateEvery = 4 }, straight).Steps);
            }

            using (AutoregressiveModel model = TinyAutoregressive.Untrained(seed: 2))
            {
                Assert.Equal(7, model.Train(TinyAutoregressive.CopyPairs, TinyAutoregressive.CopyPairs, TinyAutoregressive.Options(7) with { EvaluateEvery = 4 }, resumed).Steps);
            }

            using (AutoregressiveModel model = TinyAutoregressive.Untrained(seed: 2))
            {
                TrainingRunResult rest = model.Train(TinyAutoregressive.CopyPairs, TinyAutoregressive.CopyPairs, TinyAutoregressive.Options(12) with { EvaluateEvery = 4 }, resumed);
                Assert.Equal(12, rest.Steps);
                Assert.Equal(5, rest.Losses.Count);
            }

            Dictionary<string, Tensor> a = SafeTensorsFile.Read(Path.Combine(straight, AutoregressiveFolder.WeightsFile));
            Dictionary<string, Tensor> b = SafeTensorsFile.Read(Path.Combine(resumed, AutoregressiveFolder.WeightsFile));
            Assert.Equal(a.Keys.Order(), b.Keys.Order());
            foreach ((string name, Tensor value) in a)
            {
                Assert.True(value.IsEqualTo(b[name]), $"{name} differs between the straight and the resumed run.");
            }
        }
        finally
        {
            Directory.Delete(straight, recursive: true);
            Directory.Delete(resumed, recursive: true);
        }
    }

    [Fact]
    public void ACheckpointOfAnotherModelShapeIsNotResumed()
    {
        string folder = TinyAutoregressive.TemporaryFolder();
        try
        {
            using (AutoregressiveModel model = TinyAutoregressive.Untrained())
            {
                model.Train(TinyAutoregressive.CopyPairs, null, TinyAutoregressive.Options(2), folder);
            }

            var wider = TinyAutoregressive.Settings with { Network = TinyAutoregressive.Settings.Network with { HiddenSize = 48 } };
            using AutoregressiveModel other = AutoregressiveModel.Create(wider, TinyAutoregressive.CopyPairs.Select(p => p.Target));

            var error = Assert.Throws<InvalidOperationException>(() => other.Train(TinyAutoregressive.CopyPairs, null, TinyAutoregressive.Options(4), folder));
            Assert.Contains("another model configuration", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
