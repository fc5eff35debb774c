using System.Diagnostics;
using Smoothie.Evaluation;

namespace Smoothie.Evaluation.Tests;

public class PairedBootstrapTests
{
    private static readonly string[] Words =
    [
        "the", "lord", "said", "unto", "moses", "go", "in", "to", "pharaoh", "and", "tell", "him", "let", "my", "people",
        "that", "they", "may", "serve", "me", "land", "of", "egypt", "children", "israel", "house", "bread", "water",
    ];

    [Fact]
    public void CompareSingleRowEveryResampleEqualsTheFullSet()
    {
        // One row: every resample is that row, so every difference is 3 - 1 = 2; no resample has A - B <= 0: p = 1/(S+1).
        PairedBootstrapResult result = PairedBootstrap.Compare(1, _ => 3.0, _ => 1.0, samples: 99);
        Assert.Equal(2.0, result.Difference);
        Assert.Equal(2.0, result.Lower);
        Assert.Equal(2.0, result.Upper);
        Assert.Equal(1.0 / 100, result.PValue, 12);
        Assert.Equal(99, result.Samples);
        Assert.Equal(PairedBootstrap.DefaultSeed, result.Seed);
    }

    [Fact]
    public void CompareRowMeansUsesTheSameIndicesForBothSystems()
    {
        // B is A minus 1 on every row: with shared indices every resampled difference is exactly 1.
        double[] a = Enumerable.Range(0, 50).Select(i => (double)(i % 7)).ToArray();
        PairedBootstrapResult result = PairedBootstrap.Compare(
            a.Length, rows => rows.Average(r => a[r]), rows => rows.Average(r => a[r] - 1));
        Assert.Equal(1.0, result.Difference, 12);
        Assert.Equal(1.0, result.Lower, 12);
        Assert.Equal(1.0, result.Upper, 12);
        Assert.Equal(1.0 / 1001, result.PValue, 12);
    }

    [Fact]
    public void BleuCompareIdenticalSystemsDifferenceZeroAndPOne()
    {
        (string[] hypotheses, string[] references) = Corpus(200, seed: 1);
        PairedBootstrapResult result = BleuBootstrap.Compare(hypotheses, hypotheses, references);
        Assert.Equal(0.0, result.Difference);
        Assert.Equal(0.0, result.Lower);
        Assert.Equal(0.0, result.Upper);
        // Every resampled difference is 0 <= 0: p = (1000 + 1) / (1000 + 1) = 1, far from significant.
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void BleuCompareClearlyBetterSystemIsSignificantEitherWayRound()
    {
        (string[] hypotheses, string[] references) = Corpus(200, seed: 2);
        string[] worse = hypotheses.Select(Damage).ToArray();
        PairedBootstrapResult better = BleuBootstrap.Compare(hypotheses, worse, references);
        Assert.True(better.Difference > 5, better.ToString());
        Assert.True(better.Lower > 0, better.ToString());
        Assert.True(better.PValue < 0.05, better.ToString());

        PairedBootstrapResult reversed = BleuBootstrap.Compare(worse, hypotheses, references);
        Assert.Equal(-better.Difference, reversed.Difference, 10);
        Assert.True(reversed.Upper < 0, reversed.ToString());
        Assert.True(reversed.PValue < 0.05, reversed.ToString());
    }

    [Fact]
    public void BleuCompareFixedSeedGivesTheSameResultTwice()
    {
        (string[] hypotheses, string[] references) = Corpus(100, seed: 3);
        string[] other = hypotheses.Select((h, i) => i % 3 == 0 ? Damage(h) : h).ToArray();
        PairedBootstrapResult first = BleuBootstrap.Compare(hypotheses, other, references, seed: 7);
        PairedBootstrapResult second = BleuBootstrap.Compare(hypotheses, other, references, seed: 7);
        Assert.Equal(first, second);
        PairedBootstrapResult otherSeed = BleuBootstrap.Compare(hypotheses, other, references, seed: 8);
        Assert.Equal(first.Difference, otherSeed.Difference);
        Assert.NotEqual((first.Lower, first.Upper), (otherSeed.Lower, otherSeed.Upper));
    }

    [Fact]
    public void ScoreFromStatisticsSummedSegmentStatisticsEqualsCorpusBleuExactly()
    {
        (string[] hypotheses, string[] references) = Corpus(300, seed: 4);
        string[] damaged = hypotheses.Select((h, i) => i % 2 == 0 ? Damage(h) : h).ToArray();
        foreach (BleuOptions options in new[] { BleuOptions.Default, BleuOptions.SentenceDefault, new BleuOptions { Smoothing = BleuSmoothing.Floor, Lowercase = true } })
        {
            var bleu = new Bleu(options);
            double[][] statistics = bleu.SegmentStatistics(damaged, MetricArguments.SingleReferences(references));
            var sum = new double[statistics[0].Length];
            foreach (double[] row in statistics)
            {
                for (int k = 0; k < sum.Length; k++)
                {
                    sum[k] += row[k];
                }
            }

            BleuScore expected = bleu.CorpusScore(damaged, references);
            BleuScore actual = bleu.ScoreFromStatistics(sum);
            Assert.Equal(expected.Score, actual.Score);
            Assert.Equal(expected.Precisions, actual.Precisions);
            Assert.Equal(expected.ToString(), actual.ToString());
            Assert.Equal(expected.Score, BleuBootstrap.Score(bleu, statistics, Enumerable.Range(0, statistics.Length).ToArray()));
        }
    }

    [Fact]
    public void ScoreFromStatisticsSacrebleuReadmeExampleMatchesCorpusScore()
    {
        string[] hypotheses = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."];
        string[] references = ["The dog bit the man.", "It was not unexpected.", "The man bit him first."];
        var bleu = new Bleu();
        double[][] statistics = bleu.SegmentStatistics(hypotheses, MetricArguments.SingleReferences(references));
        Assert.Equal([6.0, 6, 6, 5, 4, 3, 6, 5, 4, 3], statistics[0]); // hyp_len, ref_len, matches 1..4, totals 1..4
        Assert.Equal(bleu.CorpusScore(hypotheses, references).Score, BleuBootstrap.Score(bleu, statistics, [0, 1, 2]));
        Assert.Equal("statistics", Assert.Throws<ArgumentException>(() => bleu.ScoreFromStatistics(new double[3])).ParamName);
    }

    [Fact]
    public void BleuCompareThousandRowsThousandResamplesCostsAFewCorpusScoresNotAThousand()
    {
        // Measured against one corpus BLEU from text on the same machine at the same moment, so a busy machine slows both
        // (0.19 s idle for the whole comparison). Rescoring the text for each of the 2 × 1,000 resamples would cost about
        // 2,000 corpus scores; the per-segment statistics make it cost about two (computing them) plus cheap sums.
        (string[] hypotheses, string[] references) = Corpus(1000, seed: 5);
        string[] other = hypotheses.Select((h, i) => i % 4 == 0 ? Damage(h) : h).ToArray();
        var bleu = new Bleu();
        bleu.CorpusScore(hypotheses, references);
        var once = Stopwatch.StartNew();
        for (int i = 0; i < 3; i++)
        {
            bleu.CorpusScore(hypotheses, references);
        }

        once.Stop();
        var stopwatch = Stopwatch.StartNew();
        PairedBootstrapResult result = BleuBootstrap.Compare(hypotheses, other, references);
        stopwatch.Stop();
        Assert.Equal(1000, result.Samples);
        double corpusScores = stopwatch.Elapsed.TotalSeconds / (once.Elapsed.TotalSeconds / 3);
        Assert.True(corpusScores < 100, $"the comparison took {stopwatch.Elapsed.TotalSeconds:F2} s = {corpusScores:F0} corpus scores (one: {once.Elapsed.TotalMilliseconds / 3:F1} ms)");
    }

    [Fact]
    public void CompareReaderMetricsRowsResamplesRowAveragedMetrics()
    {
        // A keeps every shared word; B drops "in" in every other row.
        const string source = "And Isaac dwelt in Gerar", reference = "Isaac lived in Gerar";
        string[] sources = Enumerable.Repeat(source, 100).ToArray();
        string[] references = Enumerable.Repeat(reference, 100).ToArray();
        string[] outputsA = Enumerable.Repeat("Isaac lived in Gerar", 100).ToArray();
        string[] outputsB = Enumerable.Range(0, 100).Select(i => i % 2 == 0 ? "Isaac lived Gerar" : "Isaac lived in Gerar").ToArray();
        var targets = TargetWordList.FromTexts(references);
        ReaderMetricsReport a = ReaderMetrics.Compute(sources, outputsA, references, targets);
        ReaderMetricsReport b = ReaderMetrics.Compute(sources, outputsB, references, targets);

        PairedBootstrapResult kept = PairedBootstrap.Compare(100, rows => a.ForRows(rows).Kept, rows => b.ForRows(rows).Kept);
        Assert.Equal(1.0 - (250.0 / 300), kept.Difference, 12);
        Assert.True(kept.Lower > 0);
        Assert.True(kept.PValue < 0.05);

        PairedBootstrapResult clean = PairedBootstrap.Compare(100, rows => a.ForRows(rows).CleanRows, rows => b.ForRows(rows).CleanRows);
        Assert.Equal(0.5, clean.Difference, 12);
    }

    [Fact]
    public void CompareInvalidArgumentsNameTheArgument()
    {
        Assert.Equal("rowCount", Assert.Throws<ArgumentException>(() => PairedBootstrap.Compare(0, _ => 0, _ => 0)).ParamName);
        Assert.Equal("samples", Assert.Throws<ArgumentException>(() => PairedBootstrap.Compare(3, _ => 0, _ => 0, samples: 0)).ParamName);
        Assert.Equal("hypothesesB", Assert.Throws<ArgumentException>(() => BleuBootstrap.Compare(["a"], ["a", "b"], ["a"])).ParamName);
    }

    // Reference sentences of 8–20 words; hypotheses equal to the references with a word changed in some rows.
    private static (string[] Hypotheses, string[] References) Corpus(int rows, int seed)
    {
        var random = new Random(seed);
        var references = new string[rows];
        var hypotheses = new string[rows];
        for (int i = 0; i < rows; i++)
        {
            string[] words = Enumerable.Range(0, random.Next(8, 21)).Select(_ => Words[random.Next(Words.Length)]).ToArray();
            references[i] = string.Join(' ', words) + ".";
            if (random.Next(3) == 0)
            {
                words[random.Next(words.Length)] = "thee";
            }

            hypotheses[i] = string.Join(' ', words) + ".";
        }

        return (hypotheses, references);
    }

    // Drops every other word: a clearly worse output.
    private static string Damage(string text) => string.Join(' ', text.Split(' ').Where((_, i) => i % 2 == 0));
}
