namespace Smoothie.Evaluation;

/// <summary>
/// Minimum-Bayes-risk selection among candidate outputs for one input: the candidate with the highest mean sentence BLEU
/// (sacreBLEU's sentence defaults: exponential smoothing, effective order) against the other candidates, i.e. the one
/// the others agree with most (as DiffuSeq selects among its samples). Ties go to the earliest candidate.
/// </summary>
public static class MinimumBayesRisk
{
    private static readonly Bleu SentenceBleu = new(BleuOptions.SentenceDefault);

    /// <summary>The index of the selected candidate.</summary>
    /// <param name="candidates">The candidates for one input (at least one; none may be null).</param>
    /// <returns>The index of the candidate with the highest mean sentence BLEU against the others (0 for one candidate).</returns>
    /// <exception cref="ArgumentException">There is no candidate, or one is null.</exception>
    public static int SelectIndex(IReadOnlyList<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("Minimum-Bayes-risk selection needs at least one candidate.", nameof(candidates));
        }

        for (int i = 0; i < candidates.Count; i++)
        {
            if (candidates[i] is null)
            {
                throw new ArgumentException($"candidates[{i}] is null.", nameof(candidates));
            }
        }

        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int i = 0; i < candidates.Count; i++)
        {
            double sum = 0;
            for (int j = 0; j < candidates.Count; j++)
            {
                if (j != i)
                {
                    sum += candidates[i] == candidates[j] ? 100 : SentenceBleu.SentenceScore(candidates[i], [candidates[j]]).Score;
                }
            }

            if (sum > bestScore)
            {
                best = i;
                bestScore = sum;
            }
        }

        return best;
    }

    /// <summary>The selected candidate (<see cref="SelectIndex"/>).</summary>
    /// <param name="candidates">The candidates for one input.</param>
    public static string Select(IReadOnlyList<string> candidates) => candidates[SelectIndex(candidates)];
}
