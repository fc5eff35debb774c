namespace Smoothie.Data;

/// <summary>Inclusive token-count bounds for <see cref="LengthFilter"/>.</summary>
/// <param name="MaxSourceTokens">The largest number of source tokens kept.</param>
/// <param name="MaxTargetTokens">The largest number of target tokens kept.</param>
/// <param name="MinSourceTokens">The smallest number of source tokens kept (default 1: drops empty sources).</param>
/// <param name="MinTargetTokens">The smallest number of target tokens kept (default 1: drops empty targets).</param>
public sealed record LengthLimits(int MaxSourceTokens, int MaxTargetTokens, int MinSourceTokens = 1, int MinTargetTokens = 1)
{
    /// <summary>Throws when a bound is negative or a minimum exceeds its maximum.</summary>
    /// <exception cref="ArgumentException">The bounds are inconsistent.</exception>
    public void Validate()
    {
        if (MinSourceTokens < 0 || MinTargetTokens < 0)
        {
            throw new ArgumentException($"Minimum token counts must be >= 0 (got source {MinSourceTokens}, target {MinTargetTokens}).", nameof(MinSourceTokens));
        }

        if (MaxSourceTokens < MinSourceTokens)
        {
            throw new ArgumentException($"MaxSourceTokens ({MaxSourceTokens}) must be >= MinSourceTokens ({MinSourceTokens}).", nameof(MaxSourceTokens));
        }

        if (MaxTargetTokens < MinTargetTokens)
        {
            throw new ArgumentException($"MaxTargetTokens ({MaxTargetTokens}) must be >= MinTargetTokens ({MinTargetTokens}).", nameof(MaxTargetTokens));
        }
    }
}
