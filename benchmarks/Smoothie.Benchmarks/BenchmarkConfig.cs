using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Smoothie.Benchmarks;

/// <summary>
/// The run configuration. Benchmarks run in-process (the TorchSharp native libraries, patched at build time, are
/// already next to this executable; a generated BenchmarkDotNet project would have to repeat that), one invocation per
/// iteration (every invocation is 10 ms – 10 s of native work, so there is nothing to unroll).
/// </summary>
internal static class BenchmarkConfig
{
    /// <summary>True for the short "quick" job (<c>--quick</c>): 1 warm-up + 2 measured iterations.</summary>
    public static bool Quick { get; set; }

    public static IConfig Create()
    {
        Job job = Quick
            ? Job.Dry.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(2).WithId("Quick")
            : Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(1).WithIterationCount(5).WithId("Standard");
        job = job.WithInvocationCount(1).WithUnrollFactor(1).WithLaunchCount(1).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true));
        return ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(FlopColumn.Gflop, FlopColumn.Rate, FlopColumn.OfGemm)
            .WithOption(ConfigOptions.JoinSummary, true)
            .WithOption(ConfigOptions.DisableLogFile, false)
            .WithSummaryStyle(BenchmarkDotNet.Reports.SummaryStyle.Default.WithMaxParameterColumnWidth(24));
    }
}
