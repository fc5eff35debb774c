using Smoothie.Sampling;
using Smoothie.Sampling.Solvers;
using static TorchSharp.torch;

namespace Smoothie.Training.Tests;

/// <summary>
/// Every row of a batch samples from its own noise stream (<see cref="SamplingOptions.SequenceKeys"/>): a source gives the
/// same tokens alone, at any position of a batch and in any batch size, for every space and kind of step.
/// </summary>
[Collection("torch-serial")]
public sealed class PerSequenceNoiseSamplingTests
{
    private const int Mine = 3;

    public static TheoryData<string, string> Cases() => new()
    {
        { "distance", ReverseSteps.Renoise },
        { "distance", ReverseSteps.Ddpm },
        { "embedding", ReverseSteps.Ddpm },
        { "simplex", ReverseSteps.Ddim },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ASourceGivesTheSameTokensAloneAndAtPositionsZeroAndFiveOfABatchOfEight(string space, string solver)
    {
        using var task = new ToyCopyTask(space, rows: 16, hidden: 32);
        var sampler = new DiffusionSampler(task.Network, task.Space, task.Schedule, ReverseSteps.Create(solver));
        var options = new SamplingOptions { Steps = 4, Seed = 7 };
        long[] alone = Generate(sampler, task, [Mine], options)[0];
        long[][] first = Generate(sampler, task, [Mine, 0, 1, 2, 4, 5, 6, 7], options);
        long[][] sixth = Generate(sampler, task, [0, 1, 2, 4, 5, Mine, 6, 7], options);
        Assert.Equal(alone, first[0]);
        Assert.Equal(alone, sixth[5]);

        // The other rows too: row 0 of the second batch is source 0, row 0 of the third.
        Assert.Equal(first[1], sixth[0]);
        Assert.Equal(first[7], sixth[7]);
    }

    [Fact]
    public void StartingFromGivenTokensASourceGivesTheSameTokensAtAnyPosition()
    {
        using var task = new ToyCopyTask("distance", rows: 16, hidden: 32);
        var sampler = new DiffusionSampler(task.Network, task.Space, task.Schedule, ReverseSteps.Create(ReverseSteps.Renoise));
        var options = new SamplingOptions { Steps = 3, Seed = 2, StartTime = 0.6 };
        long[] alone = GenerateFrom(sampler, task, [Mine], options)[0];
        Assert.Equal(alone, GenerateFrom(sampler, task, [0, 1, 2, 4, 5, Mine, 6, 7], options)[5]);
    }

    [Fact]
    public void GivenKeysReplaceTheSourceKeysSoOneSourceCanBeSampledSeveralTimesInOneCall()
    {
        using var task = new ToyCopyTask("distance", rows: 16, hidden: 32);
        var sampler = new DiffusionSampler(task.Network, task.Space, task.Schedule, ReverseSteps.Create(ReverseSteps.Renoise));
        var options = new SamplingOptions { Steps = 3, Seed = 5 };
        int[] same = [Mine, Mine, Mine, Mine];

        // Derived from the source: four equal rows.
        long[][] derived = Generate(sampler, task, same, options);
        Assert.All(derived, row => Assert.Equal(derived[0], row));

        // Four keys: four samples, and each key gives its sample in any batch.
        long[][] keyed = Generate(sampler, task, same, options with { SequenceKeys = [10, 11, 12, 13] });
        Assert.True(keyed.Distinct(new RowComparer()).Count() > 1, "four keys drew the same sample four times");
        Assert.Equal(keyed[2], Generate(sampler, task, [Mine], options with { SequenceKeys = [12] })[0]);

        var e = Assert.Throws<ArgumentException>(() => Generate(sampler, task, same, options with { SequenceKeys = [1, 2] }));
        Assert.Contains("SequenceKeys holds 2 keys for 4 rows", e.Message);
    }

    [Fact]
    public void DifferentSeedsGiveDifferentTokensForTheSameBatch()
    {
        using var task = new ToyCopyTask("distance", rows: 16, hidden: 32);
        var sampler = new DiffusionSampler(task.Network, task.Space, task.Schedule, ReverseSteps.Create(ReverseSteps.Renoise));
        long[][] one = Generate(sampler, task, [0, 1, 2, 3], new SamplingOptions { Steps = 3, Seed = 1 });
        long[][] two = Generate(sampler, task, [0, 1, 2, 3], new SamplingOptions { Steps = 3, Seed = 2 });
        Assert.NotEqual(one, two);
    }

    private static long[][] Generate(DiffusionSampler sampler, ToyCopyTask task, int[] rows, SamplingOptions options)
    {
        using Seq2SeqBatch batch = task.Corpus.Batch(rows, CPU);
        return sampler.Generate(rows.Length, ToyCopyTask.Length, batch, options);
    }

    private static long[][] GenerateFrom(DiffusionSampler sampler, ToyCopyTask task, int[] rows, SamplingOptions options)
    {
        using Seq2SeqBatch batch = task.Corpus.Batch(rows, CPU);
        using Tensor start = batch.SourceIds!.clone();
        return sampler.GenerateFrom(start, batch, options);
    }

    private sealed class RowComparer : IEqualityComparer<long[]>
    {
        public bool Equals(long[]? x, long[]? y) => x is not null && y is not null && x.SequenceEqual(y);

        public int GetHashCode(long[] obj) => obj.Aggregate(17, (h, v) => (h * 31) + v.GetHashCode());
    }
}
