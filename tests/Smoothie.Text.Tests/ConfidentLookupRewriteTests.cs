using Smoothie.Text.Baselines;

namespace Smoothie.Text.Tests;

/// <summary>The lookup's prediction counts and the rewrite that changes only the words it is sure of (the source draft).</summary>
public sealed class ConfidentLookupRewriteTests
{
    /// <summary>"thou" → "you" in all 4 occurrences; "shall" → "will" 3 times of 5 and kept twice.</summary>
    private static readonly WordLookupBaseline Lookup = WordLookupBaseline.Learn(
        [.. Enumerable.Repeat("thou art here", 4), .. Enumerable.Repeat("he shall go", 5)],
        [.. Enumerable.Repeat("you are here", 4), .. Enumerable.Repeat("he will go", 3), .. Enumerable.Repeat("he shall go", 2)]);

    [Fact]
    public void PredictedShareIsTheShareAlignedToThePrediction()
    {
        Assert.True(Lookup.HasPredictionCounts);
        Assert.True(Lookup.TryGetCounts("thou", out WordLookupCounts thou));
        Assert.Equal(1.0, thou.PredictedShare);
        Assert.True(Lookup.TryGetCounts("shall", out WordLookupCounts shall));
        Assert.Equal(5, shall.Occurrences);
        Assert.Equal(3, shall.Predicted);
        Assert.Equal(0.6, shall.PredictedShare!.Value, 6);
    }

    [Fact]
    public void AWordBelowTheShareIsCopiedAndASureOneRewritten()
    {
        Assert.Equal("You are here, he will go", Lookup.Rewrite("thou art here, he shall go"));
        Assert.Equal("You are here, he will go", Lookup.Rewrite("thou art here, he shall go", 0.6));
        Assert.Equal("You are here, he shall go", Lookup.Rewrite("thou art here, he shall go", 0.7));
        Assert.Equal("You are here, he shall go", Lookup.Rewrite("thou art here, he shall go", 1.0));
    }

    [Fact]
    public void AWordSeenFewerThanFiveTimesIsNotDeletedByAConfidentRewrite()
    {
        // "Sosthenes" seen once, dropped by its target; "lo" seen five times, dropped in all.
        WordLookupBaseline lookup = WordLookupBaseline.Learn(
            ["they took Sosthenes and beat him.", .. Enumerable.Repeat("lo, they went.", 5)],
            ["they took and beat him.", .. Enumerable.Repeat("they went.", 5)]);
        Assert.Equal("They took Sosthenes and beat him.", lookup.Rewrite("they took Sosthenes and beat him.", 0.7));
        Assert.Equal("They took Sosthenes and beat him.", lookup.Rewrite("they took Sosthenes and beat him.", 0.7, inContext: true));
        Assert.Equal("They took and beat him.", lookup.Rewrite("they took Sosthenes and beat him."));
        Assert.Equal("They went.", lookup.Rewrite("lo, they went.", 0.7).TrimStart(',', ' '));
    }

    [Fact]
    public void AShareOutsideZeroToOneIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Lookup.Rewrite("thou", 1.5));
        Assert.Equal("minimumShare", error.ParamName);
    }

    [Fact]
    public void PredictionCountsSurviveSaveAndLoad()
    {
        using var file = new TempFile("smoothie-lookup");
        string path = file.Path;
        Lookup.Save(path);
        Assert.StartsWith("# Smoothie word lookup baseline v7:", File.ReadLines(path).First());
        WordLookupBaseline loaded = WordLookupBaseline.Load(path);
        Assert.True(loaded.HasPredictionCounts);
        Assert.Equal(Lookup.Rewrite("thou art here, he shall go", 0.7), loaded.Rewrite("thou art here, he shall go", 0.7));
        Assert.Equal(Lookup.ToText(), loaded.ToText());
    }

    [Fact]
    public void AVersionTwoFileLoadsWithoutPredictionCountsAndRefusesAConfidentRewrite()
    {
        using var file = new TempFile("smoothie-lookup");
        string path = file.Path;
        File.WriteAllText(path, "# Smoothie word lookup baseline v2: key<TAB>occurrences<TAB>occurrences aligned to a target token[<TAB>replacement (empty: deleted; a leading space: written after a space)]; no replacement: copied\nthou\t4\t4\t you\n");
        WordLookupBaseline loaded = WordLookupBaseline.Load(path);
        Assert.True(loaded.HasCounts);
        Assert.False(loaded.HasPredictionCounts);
        Assert.True(loaded.TryGetCounts("thou", out WordLookupCounts thou));
        Assert.Null(thou.PredictedShare);
        Assert.Equal("You", loaded.Rewrite("thou"));
        var error = Assert.Throws<InvalidOperationException>(() => loaded.Rewrite("thou", 0.5));
        Assert.Contains("version 3", error.Message);
    }

    [Fact]
    public void AVersionThreeLineWithAPredictedCountAboveItsOccurrencesIsRejected()
    {
        using var file = new TempFile("smoothie-lookup");
        string path = file.Path;
        string header = Lookup.ToText().Split('\n')[0];
        File.WriteAllText(path, header + "\nthou\t4\t4\t9\t you\n");
        var error = Assert.Throws<InvalidDataException>(() => WordLookupBaseline.Load(path));
        Assert.Contains("line 2", error.Message);
    }
}
