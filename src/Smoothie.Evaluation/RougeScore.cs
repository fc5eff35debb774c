namespace Smoothie.Evaluation;

/// <summary>Precision, recall and F1 of one ROUGE variant, on rouge_score's 0–1 scale.</summary>
/// <param name="Precision">Overlap / hypothesis count.</param>
/// <param name="Recall">Overlap / reference count.</param>
/// <param name="F1">2PR / (P + R), 0 when P + R = 0.</param>
public sealed record RougeScore(double Precision, double Recall, double F1)
{
    internal static RougeScore From(double overlap, int hypothesisCount, int referenceCount)
    {
        double precision = overlap / Math.Max(hypothesisCount, 1);
        double recall = overlap / Math.Max(referenceCount, 1);
        double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return new RougeScore(precision, recall, f1);
    }
}
