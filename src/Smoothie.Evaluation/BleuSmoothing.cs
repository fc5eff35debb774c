namespace Smoothie.Evaluation;

/// <summary>BLEU smoothing methods (Chen and Cherry 2014), as named by sacreBLEU.</summary>
public enum BleuSmoothing
{
    /// <summary>No smoothing (<c>none</c>).</summary>
    None,

    /// <summary>Method 1 (<c>floor</c>): a zero match count becomes <see cref="BleuOptions.SmoothValue"/> (default 0.1).</summary>
    Floor,

    /// <summary>Method 2 (<c>add-k</c>): adds <see cref="BleuOptions.SmoothValue"/> (default 1) to matches and totals for n &gt; 1.</summary>
    AddK,

    /// <summary>Method 3 (<c>exp</c>, sacreBLEU's default, NIST mteval-v13a): the k-th zero precision becomes 1 / (2^k · total).</summary>
    Exp,
}
