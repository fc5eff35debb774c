using System.Globalization;

namespace Smoothie.Samples.WebApi;

/// <summary>
/// The settings of a soak run (<c>--soak</c>): how many generation requests, from how many concurrent clients, after how
/// many warm-up requests, how much resident memory may grow, and how long the run may take at most.
/// </summary>
/// <param name="Requests">Measured requests (<c>--requests</c>, default 2,000).</param>
/// <param name="Clients">Concurrent clients (<c>--clients</c>, default 16).</param>
/// <param name="WarmUpRequests">Requests sent first and not measured (<c>--warmup</c>, default 200).</param>
/// <param name="MaxGrowthMegabytes">The run fails when resident memory grows this much or more after warm-up (<c>--max-growth-mb</c>, default 50).</param>
/// <param name="MaxDuration">The run stops and fails after this long (<c>--max-minutes</c>, default 60).</param>
public sealed record SoakOptions(int Requests = 2000, int Clients = 16, int WarmUpRequests = 200, double MaxGrowthMegabytes = 50, TimeSpan MaxDuration = default)
{
    /// <summary>The effective time limit (60 minutes when none is given).</summary>
    public TimeSpan TimeLimit => MaxDuration > TimeSpan.Zero ? MaxDuration : TimeSpan.FromMinutes(60);

    /// <summary>
    /// Finds <c>--soak</c> and its options among the command-line arguments. Returns false when <c>--soak</c> is absent;
    /// otherwise <paramref name="hostArgs"/> holds the remaining (configuration) arguments, and <paramref name="error"/>
    /// names a bad value (then <paramref name="options"/> is null).
    /// </summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="options">The soak settings.</param>
    /// <param name="hostArgs">The arguments left for the web host's configuration.</param>
    /// <param name="error">A message naming the bad option and what is accepted, or null.</param>
    public static bool TryParse(string[] args, out SoakOptions? options, out string[] hostArgs, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        options = null;
        error = null;
        hostArgs = args;
        if (!args.Contains("--soak", StringComparer.Ordinal))
        {
            return false;
        }

        var rest = new List<string>();
        var soak = new SoakOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name == "--soak")
            {
                continue;
            }

            if (name is not ("--requests" or "--clients" or "--warmup" or "--max-growth-mb" or "--max-minutes"))
            {
                rest.Add(name);
                continue;
            }

            if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                error = $"{name} needs a number (e.g. {name} 16).";
                return true;
            }

            i++;
            bool isCount = name is "--requests" or "--clients" or "--warmup";
            double minimum = name is "--warmup" ? 0 : 1;
            if (value < minimum || (isCount && value != Math.Floor(value)) || value > int.MaxValue)
            {
                error = $"{name} must be {(isCount ? "a whole number" : "a number")} ≥ {minimum}; got {args[i]}.";
                return true;
            }

            soak = name switch
            {
                "--requests" => soak with { Requests = (int)value },
                "--clients" => soak with { Clients = (int)value },
                "--warmup" => soak with { WarmUpRequests = (int)value },
                "--max-growth-mb" => soak with { MaxGrowthMegabytes = value },
                _ => soak with { MaxDuration = TimeSpan.FromMinutes(value) },
            };
        }

        options = soak;
        hostArgs = [.. rest];
        return true;
    }
}
