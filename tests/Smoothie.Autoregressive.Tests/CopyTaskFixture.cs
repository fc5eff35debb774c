using Smoothie.Training.Trainer;

namespace Smoothie.Autoregressive.Tests;

/// <summary>A tiny model trained once on the copy task, shared by the tests that need a trained model.</summary>
public sealed class CopyTaskFixture : IDisposable
{
    public CopyTaskFixture()
    {
        Folder = TinyAutoregressive.TemporaryFolder();
        Model = TinyAutoregressive.Untrained();
        Run = Model.Train(TinyAutoregressive.CopyPairs, null, TinyAutoregressive.Options(steps: 300), Folder);
    }

    /// <summary>The trained model (EMA weights).</summary>
    public AutoregressiveModel Model { get; }

    /// <summary>Where it was trained and saved.</summary>
    public string Folder { get; }

    /// <summary>How training went.</summary>
    public TrainingRunResult Run { get; }

    public void Dispose()
    {
        Model.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
