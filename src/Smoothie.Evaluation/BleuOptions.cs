namespace Smoothie.Evaluation;

/// <summary>BLEU settings; the defaults equal sacreBLEU's <c>BLEU()</c> defaults (signature <c>case:mixed|eff:no|tok:13a|smooth:exp</c>).</summary>
public sealed record BleuOptions
{
    /// <summary>sacreBLEU's corpus defaults.</summary>
    public static BleuOptions Default { get; } = new();

    /// <summary>sacreBLEU's <c>sentence_bleu()</c> defaults: as <see cref="Default"/> with <see cref="EffectiveOrder"/> on.</summary>
    public static BleuOptions SentenceDefault { get; } = new() { EffectiveOrder = true };

    /// <summary>Lowercase hypotheses and references before tokenizing (<c>-lc</c>).</summary>
    public bool Lowercase { get; init; }

    /// <summary>The tokenization (default 13a).</summary>
    public BleuTokenization Tokenization { get; init; } = BleuTokenization.Tok13a;

    /// <summary>The smoothing method (default exp).</summary>
    public BleuSmoothing Smoothing { get; init; } = BleuSmoothing.Exp;

    /// <summary>The value for <see cref="BleuSmoothing.Floor"/> (default 0.1) and <see cref="BleuSmoothing.AddK"/> (default 1); null uses those defaults.</summary>
    public double? SmoothValue { get; init; }

    /// <summary>The largest n-gram order (default 4).</summary>
    public int MaxNGramOrder { get; init; } = 4;

    /// <summary>Average only over the n-gram orders the hypothesis has (recommended for sentence BLEU).</summary>
    public bool EffectiveOrder { get; init; }

    internal void Validate()
    {
        if (MaxNGramOrder < 1)
        {
            throw new ArgumentException($"MaxNGramOrder must be >= 1 (got {MaxNGramOrder}).", nameof(MaxNGramOrder));
        }

        if (!Enum.IsDefined(Smoothing))
        {
            throw new ArgumentException($"Unknown smoothing {Smoothing}; expected None, Floor, AddK or Exp.", nameof(Smoothing));
        }
    }

    /// <summary>sacreBLEU's signature string for these options, e.g. <c>nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp</c>.</summary>
    public string Signature(int referenceCount)
    {
        string smooth = Smoothing switch
        {
            BleuSmoothing.None => "none",
            BleuSmoothing.Exp => "exp",
            BleuSmoothing.Floor => FormattableString.Invariant($"floor[{SmoothValue ?? 0.1:F2}]"),
            _ => FormattableString.Invariant($"add-k[{SmoothValue ?? 1:F2}]"),
        };
        string tok = Tokenization == BleuTokenization.Tok13a ? "13a" : "none";
        string nrefs = referenceCount < 0 ? "var" : referenceCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"nrefs:{nrefs}|case:{(Lowercase ? "lc" : "mixed")}|eff:{(EffectiveOrder ? "yes" : "no")}|tok:{tok}|smooth:{smooth}|version:smoothie";
    }
}
