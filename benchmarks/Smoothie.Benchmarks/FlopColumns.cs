using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Smoothie.Benchmarks;

/// <summary>
/// Report columns: analytic GFLOP per invocation, achieved GFLOP/s (FLOPs / mean time) and that rate as a percentage of the
/// reference GEMM measured in the same run (<see cref="GemmBenchmarks.Reference"/>).
/// </summary>
internal sealed class FlopColumn : IColumn
{
    public static readonly FlopColumn Gflop = new("GFLOP", Kind.Gflop);
    public static readonly FlopColumn Rate = new("GFLOP/s", Kind.Rate);
    public static readonly FlopColumn OfGemm = new("% of GEMM", Kind.OfGemm);

    private readonly Kind kind;

    private FlopColumn(string name, Kind kind)
    {
        ColumnName = name;
        this.kind = kind;
    }

    private enum Kind
    {
        Gflop,
        Rate,
        OfGemm,
    }

    public string Id => "Smoothie." + kind;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => (int)kind;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => kind switch
    {
        Kind.Gflop => "Analytic GFLOP per invocation (matrix products only; formulas in docs/performance.md)",
        Kind.Rate => "Achieved GFLOP/s = GFLOP / mean time",
        _ => "Achieved GFLOP/s as a percentage of the fastest GEMM of the same run (GemmBenchmarks.PeakPanel/PeakSquare: this CPU's compute-bound rate)",
    };

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? flops = FlopsOf(benchmarkCase);
        if (flops is null)
        {
            return "-";
        }

        if (kind == Kind.Gflop)
        {
            return (flops.Value / 1e9).ToString("F2", CultureInfo.InvariantCulture);
        }

        double? rate = RateOf(summary, benchmarkCase, flops.Value);
        if (rate is null)
        {
            return "?";
        }

        if (kind == Kind.Rate)
        {
            return rate.Value.ToString("F1", CultureInfo.InvariantCulture);
        }

        // The yardstick: the fastest GEMM of the run (the peak shapes; the vocabulary-shaped reference if they did not run).
        double? gemmRate = summary.BenchmarksCases
            .Where(c => c.Descriptor.Type == typeof(GemmBenchmarks) && c.Descriptor.WorkloadMethod.Name != nameof(GemmBenchmarks.Allocating)
                && c.Descriptor.WorkloadMethod.Name != nameof(GemmBenchmarks.OneThread))
            .Select(c => RateOf(summary, c, FlopsOf(c) ?? 0))
            .Max();
        return gemmRate is null or 0 ? "?" : (100 * rate.Value / gemmRate.Value).ToString("F0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>FLOPs of one invocation, from a fresh instance with the case's parameter values.</summary>
    public static double? FlopsOf(BenchmarkCase benchmarkCase)
    {
        Type type = benchmarkCase.Descriptor.Type;
        if (!typeof(IFlopCounted).IsAssignableFrom(type))
        {
            return null;
        }

        var instance = (IFlopCounted)Activator.CreateInstance(type)!;
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public;
            if (type.GetProperty(parameter.Name, Flags) is { CanWrite: true } property)
            {
                property.SetValue(instance, parameter.Value);
            }
            else
            {
                type.GetField(parameter.Name, Flags)?.SetValue(instance, parameter.Value);
            }
        }

        return instance.Flops(benchmarkCase.Descriptor.WorkloadMethod.Name);
    }

    private static double? RateOf(Summary summary, BenchmarkCase benchmarkCase, double flops)
    {
        var report = summary[benchmarkCase];
        double? meanNs = report?.ResultStatistics?.Mean;
        return meanNs is null or <= 0 ? null : flops / meanNs.Value; // FLOP per ns = GFLOP/s
    }
}
