using Smoothie.Data;
using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

/// <summary>The must-show number: the copy-the-source baseline on the bundled KJV → WEB test split.</summary>
public class BibleCopyBaselineTests
{
    private static readonly IReadOnlyList<Seq2SeqPair> Test = BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web");

    [Fact]
    public void CopyBaselineCasedBleuIs431()
    {
        var score = new Bleu().CorpusScore(Test.Select(p => p.Source).ToArray(), Test.Select(p => p.Target).ToArray());
        Assert.Equal(43.1, Math.Round(score.Score, 1));
    }

    [Fact]
    public void CopyBaselineLowercasedBleuIs447()
    {
        var score = new Bleu(new BleuOptions { Lowercase = true })
            .CorpusScore(Test.Select(p => p.Source).ToArray(), Test.Select(p => p.Target).ToArray());
        Assert.Equal(44.7, Math.Round(score.Score, 1));
    }

    [Fact]
    public void CopyBaselineRougeSariAndDistinctAsDocumented()
    {
        string[] sources = Test.Select(p => p.Source).ToArray();
        var references = MetricArguments.SingleReferences(Test.Select(p => p.Target).ToArray());
        var rouge = new Rouge().CorpusScore(sources, references);
        Assert.Equal(0.7274, Math.Round(rouge.Rouge1.F1, 4));
        Assert.Equal(0.5262, Math.Round(rouge.Rouge2.F1, 4));
        Assert.Equal(0.7075, Math.Round(rouge.RougeL.F1, 4));
        Assert.Equal(53.44, Math.Round(new Sari().CorpusScore(sources, sources, references), 2));
        var distinct = new Distinct();
        Assert.Equal(0.1804, Math.Round(distinct.Score(sources, 1), 4));
        Assert.Equal(0.9683, Math.Round(distinct.Score(sources, 4), 4));
    }
}
