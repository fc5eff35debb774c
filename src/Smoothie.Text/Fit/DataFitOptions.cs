namespace Smoothie.Text.Fit;

/// <summary>
/// Settings of <see cref="DataFit.Measure"/>: how many pairs to look at and the row lengths of the model the data is
/// measured for (the lengths decide which pairs are split and which pieces are dropped).
/// </summary>
public sealed record DataFitOptions
{
    /// <summary>
    /// The most pairs measured (default 2,000): larger data is sampled at evenly spaced positions, so the measurement is
    /// deterministic and takes about a second whatever the size of the data.
    /// </summary>
    public int MaxPairs { get; init; } = 2000;

    /// <summary>The source row length in tokens, start and end tokens included (default 48, the library's).</summary>
    public int SourceLength { get; init; } = 48;

    /// <summary>The target row length of the free layout, start and end tokens included (default 48).</summary>
    public int TargetLength { get; init; } = 48;

    /// <summary>Target slots per source token of the source-aligned layout (default 2, the library's).</summary>
    public int SlotsPerSourceToken { get; init; } = 2;

    /// <summary>Throws when a value is out of range, naming it and what was expected.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (MaxPairs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPairs), MaxPairs, "MaxPairs must be at least 1.");
        }

        if (SourceLength < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(SourceLength), SourceLength, "SourceLength must be at least 3 (start, one token, end).");
        }

        if (TargetLength < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(TargetLength), TargetLength, "TargetLength must be at least 3 (start, one token, end).");
        }

        if (SlotsPerSourceToken < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SlotsPerSourceToken), SlotsPerSourceToken, "SlotsPerSourceToken must be at least 1.");
        }
    }
}
