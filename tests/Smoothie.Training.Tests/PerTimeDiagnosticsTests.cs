using Smoothie.Sampling;
using Smoothie.Training.Diagnostics;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

[Collection("torch-serial")]
public sealed class PerTimeDiagnosticsTests
{
    [Theory]
    [InlineData("distance")]
    [InlineData("embedding")]
    [InlineData("simplex")]
    public void TrueTokenProbabilityFallsWithTimeAndFilesAreWritten(string space)
    {
        using var task = new ToyCopyTask(space, rows: 32, hidden: 32);
        using Seq2SeqBatch batch = task.Corpus.Batch(Enumerable.Range(0, 32).ToArray(), CPU);
        manual_seed(1);
        IReadOnlyList<PerTimeDiagnostic> rows = PerTimeDiagnostics.Compute(task.Network, task.Space, task.Schedule, batch, [0.02, 0.5, 0.98]);
        Assert.Equal(3, rows.Count);
        Assert.True(rows[0].TrueTokenProbability > rows[1].TrueTokenProbability, $"{rows[0].TrueTokenProbability} should exceed {rows[1].TrueTokenProbability}");
        Assert.True(rows[1].TrueTokenProbability > rows[2].TrueTokenProbability);
        Assert.All(rows, r => Assert.InRange(r.Accuracy, 0, 1));

        string dir = Path.Combine(Path.GetTempPath(), $"diag-{Guid.NewGuid():N}");
        try
        {
            PerTimeDiagnostics.Write(dir, "step-1", rows);
            Assert.Equal(4, File.ReadAllLines(Path.Combine(dir, "step-1.csv")).Length);
            Assert.True(File.Exists(Path.Combine(dir, "step-1.json")));
            Assert.True(new FileInfo(Path.Combine(dir, "step-1.png")).Length > 100);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
