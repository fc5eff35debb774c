namespace Smoothie.Evaluation;

/// <summary>
/// Edit precision, recall and F0.5 from summed edit counts, as ERRANT and the M2 scorer compute them: an output edit
/// is a true positive when the reference has the same edit (same source span, same replacement tokens), else a false
/// positive; a reference edit the output lacks is a false negative. P = TP / (TP + FP), or 1 when the outputs make no
/// edit; R = TP / (TP + FN), or 1 when the references make no edit; F_β = (1 + β²)·P·R / (β²·P + R), or 0 when
/// P + R = 0. β = 0.5 weighs precision twice as much as recall.
/// </summary>
/// <param name="TruePositives">Output edits also in the reference.</param>
/// <param name="FalsePositives">Output edits not in the reference.</param>
/// <param name="FalseNegatives">Reference edits not in the output.</param>
public sealed record EditScore(long TruePositives, long FalsePositives, long FalseNegatives)
{
    /// <summary>TP / (TP + FP); 1 when there is no output edit.</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 1 when there is no reference edit.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>F0.5, the grammatical-error-correction standard.</summary>
    public double F05 => FScore(0.5);

    /// <summary>F_β = (1 + β²)·P·R / (β²·P + R); 0 when P + R = 0.</summary>
    /// <param name="beta">β &gt; 0; below 1 favours precision.</param>
    /// <exception cref="ArgumentException"><paramref name="beta"/> is not positive.</exception>
    public double FScore(double beta)
    {
        if (!(beta > 0) || double.IsInfinity(beta))
        {
            throw new ArgumentException($"beta must be a positive finite number; got {beta}.", nameof(beta));
        }

        double p = Precision, r = Recall, b2 = beta * beta;
        return p + r == 0 ? 0.0 : (1 + b2) * p * r / ((b2 * p) + r);
    }

    /// <summary>The counts of one pair of edit lists: TP = edits in both, FP = output-only, FN = reference-only.</summary>
    /// <param name="outputEdits">The source → output edits (a repeated edit counts once).</param>
    /// <param name="referenceEdits">The source → reference edits.</param>
    public static EditScore Of(IReadOnlyCollection<WordEdit> outputEdits, IReadOnlyCollection<WordEdit> referenceEdits)
    {
        ArgumentNullException.ThrowIfNull(outputEdits);
        ArgumentNullException.ThrowIfNull(referenceEdits);
        var output = new HashSet<WordEdit>(outputEdits);
        var reference = new HashSet<WordEdit>(referenceEdits);
        long truePositives = output.Count(reference.Contains);
        return new EditScore(truePositives, output.Count - truePositives, reference.Count - truePositives);
    }

    /// <summary>Sums two sets of counts.</summary>
    /// <param name="left">Counts.</param>
    /// <param name="right">More counts.</param>
    public static EditScore operator +(EditScore left, EditScore right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new EditScore(left.TruePositives + right.TruePositives, left.FalsePositives + right.FalsePositives, left.FalseNegatives + right.FalseNegatives);
    }
}
