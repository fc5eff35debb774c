using Smoothie.Data;
using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

/// <summary>The must-show number: the copy-the-source baseline on the bundled KJV → WEB test split.</summary>
public class BibleCopyBaselineTests
{
    private static readonly IReadOnlyList<Seq2SeqPair> Test = BibleCorpus.Pairs(BibleSplit.Test, "kjv", "web");

    [Fact]
    public void Copy_baseline_cased_bleu_is_43_1()
    {
        var score = new Bleu().CorpusScore(Test.Select(p => p.Source).ToArray(), Test.Select(p => p.Target).ToArray());
        Assert.Equal(43.1, Math.Round(score.Score, 1));
    }

    [Fact]
    public void Copy_baseline_lowercased_bleu_is_44_7()
    {
        var score = new Bleu(new BleuOptions { Lowercase = true })
            .CorpusScore(Test.Select(p => p.Source).ToArray(), Test.Select(p => p.Target).ToArray());
        Assert.Equal(44.7, Math.Round(score.Score, 1));
    }
}
