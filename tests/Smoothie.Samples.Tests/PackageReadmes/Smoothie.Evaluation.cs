using Smoothie.Evaluation;

namespace Smoothie.Samples.Tests.PackageReadmes;

/// <summary>The example of src/Smoothie.Evaluation/README.md, verbatim (PackageReadmeSnippetsTests checks it): compiled here, and run where it is cheap.</summary>
internal static class SmoothieEvaluationReadme
{
    public static (double Bleu, double RougeL) Example()
    {
        string[] outputs = ["God said, Let there be light, and there was light."];
        string[] references = ["God said, \"Let there be light,\" and there was light."];
        double bleu = new Bleu().CorpusScore(outputs, references).Score;
        double rougeL = new Rouge().CorpusScore(outputs, references).RougeL.F1;
        Console.WriteLine($"BLEU {bleu:F1}, ROUGE-L F1 {rougeL:F3}");
        return (bleu, rougeL);
    }
}
