namespace Smoothie.Evaluation;

/// <summary>BERTScore precision, recall and F1 (0–1 scale, no baseline rescaling).</summary>
/// <param name="Precision">Mean over hypothesis tokens of the best cosine similarity to a reference token.</param>
/// <param name="Recall">Mean over reference tokens of the best cosine similarity to a hypothesis token.</param>
/// <param name="F1">2PR / (P + R).</param>
public sealed record BertScoreResult(double Precision, double Recall, double F1);
