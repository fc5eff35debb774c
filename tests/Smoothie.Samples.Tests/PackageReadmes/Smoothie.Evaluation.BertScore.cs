using Smoothie.Evaluation;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Evaluation.BertScore/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieEvaluationBertScoreReadme
{
    public static double Example()
    {
        using var bertScore = new BertScore();
        IReadOnlyList<BertScoreResult> scores = bertScore.SentenceScores(
            ["God said, Let there be light, and there was light."],
            ["God said, \"Let there be light,\" and there was light."]);
        Console.WriteLine($"BERTScore F1 {scores[0].F1:F4}");
        return scores[0].F1;
    }
}
