namespace Smoothie.Benchmarks;

/// <summary>A benchmark class that knows the analytic FLOP count of its methods for the current parameter values.</summary>
public interface IFlopCounted
{
    /// <summary>FLOPs of one invocation of <paramref name="method"/>, or null when a FLOP rate is meaningless for it.</summary>
    double? Flops(string method);
}
