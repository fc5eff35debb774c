using Smoothie.Data;

namespace Smoothie.Data.Tests;

public class LengthFilterTests
{
    private static readonly Seq2SeqPair[] Pairs =
    [
        new("one two three", "a b"),          // kept
        new("one two three four five", "a"),  // source too long (5 > 4)
        new("one", "a b c d e f"),            // target too long (6 > 5)
        new("  ", "a"),                       // too short: 0 source words
        new("x\ty\nz", "a  b\u00A0c"),        // kept: 3 and 3 words
    ];

    [Fact]
    public void WhitespaceWordsAreCountedAcrossAnyWhitespace()
    {
        Assert.Equal(0, LengthFilter.CountWhitespaceWords(string.Empty));
        Assert.Equal(0, LengthFilter.CountWhitespaceWords("   \t\n"));
        Assert.Equal(3, LengthFilter.CountWhitespaceWords("  a\tb\u00A0 c "));
    }

    [Fact]
    public void FilterKeepsPairsWithinLimitsAndCountsEachReason()
    {
        var result = LengthFilter.Apply(Pairs, new LengthLimits(MaxSourceTokens: 4, MaxTargetTokens: 5));
        Assert.Equal([Pairs[0], Pairs[4]], result.Kept);
        Assert.Equal(2, result.KeptCount);
        Assert.Equal(1, result.DroppedSourceTooLong);
        Assert.Equal(1, result.DroppedTargetTooLong);
        Assert.Equal(1, result.DroppedTooShort);
        Assert.Equal(3, result.DroppedCount);
        Assert.Equal(5, result.TotalCount);
        Assert.Equal("kept 2 of 5 pairs; dropped 3 (source too long 1, target too long 1, too short 1)", result.ToString());
    }

    [Fact]
    public void FilterUsesACallerSuppliedTokenCounter()
    {
        // Character counter: "one two three" = 13 chars > 12 dropped; "one" kept (target "a b c d e f" = 11).
        var result = LengthFilter.Apply(Pairs, new LengthLimits(12, 11), s => s.Length);
        Assert.Equal([Pairs[2], Pairs[3], Pairs[4]], result.Kept);
        Assert.Equal(2, result.DroppedSourceTooLong);
    }

    [Fact]
    public void InconsistentLimitsAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => LengthFilter.Apply(Pairs, new LengthLimits(2, 5, MinSourceTokens: 3)));
        Assert.Equal("MaxSourceTokens", e.ParamName);
    }
}
