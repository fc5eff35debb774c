namespace Smoothie.Autoregressive.Decoding;

/// <summary>How an autoregressive model writes its outputs. Immutable; derive variants with a with-expression.</summary>
public sealed record DecodingOptions
{
    /// <summary>The default: greedy decoding (beam width 1).</summary>
    public static DecodingOptions Greedy { get; } = new();

    /// <summary>Hypotheses kept per source: 1 (default) decodes greedily, more searches a beam. Must be ≥ 1.</summary>
    public int BeamWidth { get; init; } = 1;

    /// <summary>
    /// The length normalisation α of beam search: a finished hypothesis is ranked by its summed log-probability divided
    /// by (its token count)^α. 1 (default) ranks by the mean log-probability per token, 0 by the plain sum (which favours
    /// short outputs). Must be ≥ 0. Greedy decoding does not use it.
    /// </summary>
    public double LengthPenalty { get; init; } = 1.0;

    /// <summary>The most tokens written per source piece (the end token included), or null for the model's target length − 1.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Source pieces decoded together. Default 32. Must be ≥ 1.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>
    /// Whether the realizer drops a word equal to the one before it, as the diffusion pipeline does by default. Default
    /// off: an autoregressive decoder conditions on its own output and does not stutter the way parallel decoders do.
    /// </summary>
    public bool RemoveRepeatedWords { get; init; }

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentException">A field is out of range; the message names it and the expected range.</exception>
    public void Validate()
    {
        Require(BeamWidth >= 1, nameof(BeamWidth), "≥ 1 (1 = greedy)", BeamWidth);
        Require(LengthPenalty >= 0 && double.IsFinite(LengthPenalty), nameof(LengthPenalty), "a finite number ≥ 0", LengthPenalty);
        Require(MaxTokens is null or >= 1, nameof(MaxTokens), "≥ 1 or null", MaxTokens ?? 0);
        Require(BatchSize >= 1, nameof(BatchSize), "≥ 1", BatchSize);
    }

    private static void Require(bool ok, string name, string expected, object actual)
    {
        if (!ok)
        {
            throw new ArgumentException($"DecodingOptions.{name} must be {expected}; got {actual}.", name);
        }
    }
}
