namespace Smoothie.Data;

/// <summary>The splits of the bundled Bible corpus.</summary>
public enum BibleSplit
{
    /// <summary>27,577 verses for training.</summary>
    Train,

    /// <summary>1,000 verses for validation.</summary>
    Valid,

    /// <summary>1,000 held-out verses for testing.</summary>
    Test,
}
