using Smoothie.Models.Checkpoints;
using Smoothie.Runtime.Files;
using Smoothie.Training.Checkpoints;

namespace Smoothie.Training.Tests;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("smoothie-ckpt").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void KeepsTheLastAndTheBestK()
    {
        var store = new CheckpointStore(root, keepBest: 2, higherIsBetter: false);
        double[] losses = [5, 1, 3, 0.5, 4, 6];
        for (int i = 0; i < losses.Length; i++)
        {
            store.Save(i * 10, losses[i], dir => File.WriteAllText(Path.Combine(dir, "w.txt"), i.ToString()));
        }

        var kept = store.List().Select(c => c.Step).ToHashSet();
        Assert.Equal(new HashSet<long> { 10, 30, 50 }, kept); // best 0.5 (30), 1 (10), last (50)
        Assert.Equal(50, store.Latest!.Step);
        Assert.Equal(30, store.Best!.Step);
        Assert.Equal(3, Directory.GetDirectories(root).Length);
        Assert.Equal("5", File.ReadAllText(Path.Combine(store.PathOf(store.Latest), "w.txt")));
    }

    [Fact]
    public void AFailedWriteLeavesThePreviousCheckpointIntact()
    {
        var store = new CheckpointStore(root);
        store.Save(1, null, dir => File.WriteAllText(Path.Combine(dir, "w.txt"), "good"));
        var error = Assert.Throws<CheckpointWriteException>(() => store.Save(2, null, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "w.txt"), "half");
            throw new IOException("No space left on device (simulated)");
        }));
        Assert.Contains("step 2", error.Message);
        Assert.Contains("No space left on device", error.Message);
        Assert.Contains("'step-000000001' is intact", error.Message);
        Assert.Equal("step-000000001", error.PreviousCheckpoint);

        Assert.Equal(1, store.Latest!.Step);
        Assert.Equal("good", File.ReadAllText(Path.Combine(store.PathOf(store.Latest), "w.txt")));
        Assert.Single(Directory.GetDirectories(root)); // no temporary folder left behind
    }

    [Fact]
    public void AtomicWriteNeverExposesAPartialFile()
    {
        string file = Path.Combine(root, "state.json");
        AtomicFile.WriteAllText(file, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(file, s =>
        {
            s.Write("new-but-broken"u8);
            throw new InvalidOperationException("killed midway (simulated)");
        }));
        Assert.Equal("old", File.ReadAllText(file));
        Assert.Single(Directory.GetFiles(root));
    }

    [Fact]
    public void CorruptManifestGivesAClearError()
    {
        File.WriteAllText(Path.Combine(root, CheckpointStore.ManifestName), "{not json");
        var e = Assert.Throws<InvalidDataException>(() => new CheckpointStore(root).List());
        Assert.Contains(CheckpointStore.ManifestName, e.Message);
    }
}
