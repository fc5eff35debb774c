namespace Smoothie.Evaluation.Tests;

public class ArchaicWordsTests
{
    [Fact]
    public void ListedWordsEthVerbsAndThouEstVerbsCountButNamesOrdinalsAndSuperlativesDoNot()
    {
        var counts = ArchaicWords.Count("Thou knowest that he loveth thee in Nazareth on the twentieth day, the greatest of days; thou sayest it unto thee.");
        Assert.Equal(2, counts["thou"]);
        Assert.Equal(2, counts["thee"]);
        Assert.Equal(1, counts["knowest"]);
        Assert.Equal(1, counts["loveth"]);
        Assert.Equal(1, counts["sayest"]);
        Assert.Equal(1, counts["unto"]);
        Assert.False(counts.ContainsKey("nazareth"));
        Assert.False(counts.ContainsKey("twentieth"));
        Assert.False(counts.ContainsKey("greatest"));
    }

    [Fact]
    public void TheRateIsTheShareOfSourceOccurrencesGoneFromTheOutput()
    {
        string[] sources = ["And he said unto thee, thou art blessed.", "Jesus wept."];
        Assert.Equal((0L, 4L, 0.0), ArchaicWords.Rate(sources, sources));
        (long rewritten, long total, double rate) = ArchaicWords.Rate(sources, ["He said to you, thou are blessed.", "Jesus wept."]);
        Assert.Equal(3, rewritten);
        Assert.Equal(4, total);
        Assert.Equal(0.75, rate, 10);
        Assert.Equal(1.0, ArchaicWords.Rate(["Jesus wept."], ["x"]).Rate);
        Assert.Throws<ArgumentException>(() => ArchaicWords.Rate(sources, ["one"]));
    }

    [Fact]
    public void TheBundledReferencesRewriteAlmostEveryArchaicWordAndCopyingNone()
    {
        var pairs = Smoothie.Data.BibleCorpus.Pairs(Smoothie.Data.BibleSplit.Test, "kjv", "web");
        var sources = pairs.Select(p => p.Source).ToList();
        double reference = ArchaicWords.Rate(sources, pairs.Select(p => p.Target).ToList()).Rate;
        Assert.InRange(reference, 0.99, 1.0);
        Assert.Equal(0.0, ArchaicWords.Rate(sources, sources).Rate);
        MetricResult result = new ArchaicWords().Compute(sources, [], sources);
        Assert.Equal(0.0, result.Scores["archaic_rewritten"]);
        Assert.Throws<ArgumentException>(() => new ArchaicWords().Compute(sources, [], null));
    }
}
