namespace Smoothie.Models.Tests;

/// <summary>A fact that runs only when the environment variable SMOOTHIE_TIMING is "1" (timing needs an otherwise idle machine).</summary>
public sealed class TimingFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute; skips unless SMOOTHIE_TIMING=1.</summary>
    public TimingFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SMOOTHIE_TIMING") != "1")
        {
            Skip = "Timing test: set SMOOTHIE_TIMING=1 on an idle machine to run it.";
        }
    }
}
