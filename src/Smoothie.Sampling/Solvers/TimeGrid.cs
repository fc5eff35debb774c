using System.Collections;

namespace Smoothie.Sampling.Solvers;

/// <summary>
/// The sampling times <c>t_k = startTime − (startTime − endTime)·k/N</c>, k = 0..N (linspace(startTime, endTime, N + 1)):
/// the sampler starts at t_0 = <see cref="StartTime"/> (1: the prior; below 1: noised start tokens, SDEdit-style) and
/// takes N reverse steps t_k → t_{k+1}, the last one landing exactly on <see cref="EndTime"/>.
/// </summary>
public sealed class TimeGrid : IReadOnlyList<double>
{
    /// <summary>The paper's number of steps.</summary>
    public const int DefaultSteps = 200;

    private readonly double[] times;

    /// <summary>Creates the grid.</summary>
    /// <param name="steps">N ≥ 1.</param>
    /// <param name="endTime">The final time ε_t in [0, 1) (default 0).</param>
    /// <param name="startTime">The first time in (endTime, 1] (default 1, the prior).</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range (the message names it).</exception>
    public TimeGrid(int steps = DefaultSteps, double endTime = 0, double startTime = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!(endTime >= 0 && endTime < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(endTime), endTime, "The end time must be in [0, 1).");
        }

        if (!(startTime > endTime && startTime <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(startTime), startTime, $"The start time must be in (endTime, 1] = ({endTime}, 1].");
        }

        Steps = steps;
        EndTime = endTime;
        StartTime = startTime;
        times = new double[steps + 1];
        for (int k = 0; k <= steps; k++)
        {
            times[k] = startTime - ((startTime - endTime) * k / steps);
        }

        times[steps] = endTime;
    }

    /// <summary>N, the number of reverse steps.</summary>
    public int Steps { get; }

    /// <summary>The first time t_0.</summary>
    public double StartTime { get; }

    /// <summary>The final time.</summary>
    public double EndTime { get; }

    /// <summary>N + 1 times.</summary>
    public int Count => times.Length;

    /// <summary>The time t_k.</summary>
    /// <param name="index">k in [0, N].</param>
    public double this[int index] => times[index];

    /// <summary>The N steps as (t, t_next) pairs, from (startTime, t_1) to (t_{N−1}, endTime).</summary>
    public IEnumerable<(double T, double TNext)> StepPairs()
    {
        for (int k = 0; k < Steps; k++)
        {
            yield return (times[k], times[k + 1]);
        }
    }

    /// <inheritdoc/>
    public IEnumerator<double> GetEnumerator() => ((IEnumerable<double>)times).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
