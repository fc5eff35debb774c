using System.Diagnostics;

namespace Smoothie.Samples.WebApi;

/// <summary>Resident memory (RSS) of this process, and its peak sampled every 200 ms while the instance lives.</summary>
public sealed class PeakMemory : IDisposable
{
    private readonly Timer timer;
    private double peak;

    /// <summary>Starts sampling.</summary>
    public PeakMemory()
    {
        peak = ResidentMegabytes();
        timer = new Timer(_ => Sample(), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
    }

    /// <summary>The highest RSS sampled so far, in MB (10⁶ bytes).</summary>
    public double Megabytes
    {
        get
        {
            Sample();
            return Volatile.Read(ref peak);
        }
    }

    /// <summary>The resident memory of this process now, in MB (10⁶ bytes).</summary>
    public static double ResidentMegabytes()
    {
        using Process self = Process.GetCurrentProcess();
        return self.WorkingSet64 / 1e6;
    }

    /// <inheritdoc />
    public void Dispose() => timer.Dispose();

    private void Sample()
    {
        double now = ResidentMegabytes();
        double seen;
        while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
    }
}
