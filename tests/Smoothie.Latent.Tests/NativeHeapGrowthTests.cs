using Smoothie.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace Smoothie.Latent.Tests;

/// <summary>The memory check the leak tests share (tests/Smoothie.Testing): it passes a clean round and fails a leak.</summary>
public sealed class NativeHeapGrowthTests(ITestOutputHelper output)
{
    // 200 rounds and a 64 MiB limit; one tensor of 128 × 1,024 floats (512 KiB) kept per round adds 100 MiB per attempt.
    private const int Rounds = 200;
    private const long Limit = 64L << 20;
    private const long LeakPerRound = 128 * 1024 * sizeof(float);

    [Fact]
    public void KeepingATensorOfEveryRoundFailsInEveryAttemptAndTheMessageListsThemAll()
    {
        TorchSharpRuntime.EnsureLoaded();
        var kept = new List<Tensor>();
        try
        {
            NativeHeapGrowthReport report = NativeHeapGrowth.Measure(() => kept.Add(torch.ones(128, 1024)), Rounds, Limit);
            output.WriteLine(report.ToString());

            Assert.False(report.WithinLimit, report.ToString());
            Assert.Equal(3, report.Attempts.Count);
            Assert.All(report.Attempts, a => Assert.InRange(a.GrowthBytes, Rounds * LeakPerRound * 8 / 10, Rounds * LeakPerRound * 12 / 10));
            Assert.Contains("grew past the limit of +64.00 MiB over 200 rounds in 3 attempt(s): attempt 1: +", report.ToString(), StringComparison.Ordinal);
            Assert.Contains("; attempt 3: +", report.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            kept.ForEach(t => t.Dispose());
        }
    }

    [Fact]
    public void ARoundThatDisposesItsTensorsStaysUnderTheLimit()
    {
        TorchSharpRuntime.EnsureLoaded();
        void Round()
        {
            using var scope = NewDisposeScope();
            Tensor a = torch.ones(128, 1024);
            _ = a.mul(2).sum().item<float>();
        }

        NativeHeapGrowthReport report = NativeHeapGrowth.Measure(Round, Rounds, Limit);
        output.WriteLine(report.ToString());

        Assert.True(report.WithinLimit, report.ToString());
    }

    [Fact]
    public void AnAllocationThatLastsOneAttemptIsForgivenByTheNext()
    {
        // What a neighbouring test does: 100 MiB allocated while the first attempt runs, freed during the second.
        TorchSharpRuntime.EnsureLoaded();
        const int WarmUp = 5;
        int calls = 0;
        Tensor? neighbour = null;
        void Round()
        {
            if (calls == WarmUp)
            {
                neighbour = torch.ones(100, 1024, 256);
            }
            else if (calls == WarmUp + Rounds)
            {
                neighbour!.Dispose();
            }

            calls++;
        }

        NativeHeapGrowthReport report = NativeHeapGrowth.Measure(Round, Rounds, Limit, warmUpRounds: WarmUp);
        output.WriteLine(report.ToString());

        Assert.True(report.WithinLimit, report.ToString());
        Assert.Equal(2, report.Attempts.Count);
        Assert.True(report.Attempts[0].GrowthBytes >= Limit, report.ToString());
        Assert.Contains("stayed under the limit", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MeasureRejectsBadArgumentsNamingThem()
    {
        Assert.Equal("round", Assert.Throws<ArgumentNullException>(() => NativeHeapGrowth.Measure(null!, 1, 1)).ParamName);
        Assert.Equal("rounds", Assert.Throws<ArgumentOutOfRangeException>(() => NativeHeapGrowth.Measure(() => { }, 0, 1)).ParamName);
        Assert.Equal("limitBytes", Assert.Throws<ArgumentOutOfRangeException>(() => NativeHeapGrowth.Measure(() => { }, 1, 0)).ParamName);
        Assert.Equal("warmUpRounds", Assert.Throws<ArgumentOutOfRangeException>(() => NativeHeapGrowth.Measure(() => { }, 1, 1, warmUpRounds: -1)).ParamName);
        Assert.Equal("attempts", Assert.Throws<ArgumentOutOfRangeException>(() => NativeHeapGrowth.Measure(() => { }, 1, 1, attempts: 0)).ParamName);
    }
}
