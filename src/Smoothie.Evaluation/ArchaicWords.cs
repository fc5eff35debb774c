using System.Globalization;

namespace Smoothie.Evaluation;

/// <summary>
/// How modern an output is: the share of the source's archaic (Early Modern English) words that the output no longer
/// contains. Archaic words are a fixed list (thee, thou, thy, thine, ye, hath, doth, art, shalt, wilt, unto, begat,
/// saith, hast, spake, shew, wherefore, whither, yea, …) plus verbs in <c>-eth</c> (saith, loveth, goeth; not names such as
/// Nazareth — a capitalised word is a name — nor ordinals such as twentieth) and second-person verbs in <c>-est</c> right after
/// "thou" (thou knowest). Per verse and word, <c>max(0, count in source − count in output)</c> occurrences are rewritten;
/// the rate is rewritten / archaic occurrences over the corpus. Copying the source scores 0; the bundled WEB references
/// of the KJV score close to 1.
/// </summary>
public sealed class ArchaicWords : ITextMetric
{
    private static readonly HashSet<string> Listed = new(StringComparer.Ordinal)
    {
        "thee", "thou", "thy", "thine", "thyself", "ye", "hath", "doth", "dost", "art", "shalt", "wilt", "unto", "begat",
        "saith", "hast", "spake", "spakest", "shew", "shewed", "shewn", "shewest", "sheweth", "wherefore", "whither", "yea",
        "wast", "wert", "didst", "canst", "couldest", "shouldest", "wouldest", "mayest", "hadst", "knowest", "whence",
        "hither", "thither", "verily", "peradventure", "howbeit", "whosoever", "whoso", "wherein", "whereof", "thereof",
        "thereon", "therein", "ere", "nay", "lo", "sware", "brethren", "kine", "twain", "aught", "naught", "anon",
    };

    private static readonly HashSet<string> NotVerbs = new(StringComparer.Ordinal)
    {
        "beth", "seth", "teeth", "heth", "meth", "teth",
    };

    /// <inheritdoc/>
    public string Name => "archaic";

    /// <summary>Counts the archaic words of one text, by lower-cased word.</summary>
    /// <param name="text">A text.</param>
    public static Dictionary<string, int> Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string previous = string.Empty;
        foreach (string word in Words(text))
        {
            string lower = word.ToLowerInvariant();
            if (IsArchaic(word, lower, previous))
            {
                counts[lower] = counts.GetValueOrDefault(lower) + 1;
            }

            previous = lower;
        }

        return counts;
    }

    /// <summary>The corpus rate of rewritten archaic words and the counts behind it.</summary>
    /// <param name="sources">The inputs.</param>
    /// <param name="hypotheses">The outputs, one per input.</param>
    /// <returns>(rewritten occurrences, archaic occurrences in the sources, rate in [0, 1]; 1 when the sources have none).</returns>
    public static (long Rewritten, long Total, double Rate) Rate(IReadOnlyList<string> sources, IReadOnlyList<string> hypotheses)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(hypotheses);
        if (sources.Count != hypotheses.Count)
        {
            throw new ArgumentException($"There are {hypotheses.Count} outputs for {sources.Count} sources.", nameof(hypotheses));
        }

        long rewritten = 0, total = 0;
        for (int i = 0; i < sources.Count; i++)
        {
            Dictionary<string, int> output = Count(hypotheses[i]);
            foreach ((string word, int count) in Count(sources[i]))
            {
                total += count;
                rewritten += Math.Max(0, count - output.GetValueOrDefault(word));
            }
        }

        return (rewritten, total, total == 0 ? 1 : (double)rewritten / total);
    }

    /// <inheritdoc/>
    public MetricResult Compute(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> references, IReadOnlyList<string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        if (sources is null)
        {
            throw new ArgumentException("The archaic-word rate compares outputs with their sources: pass the sources (smoothie evaluate --src FILE).", nameof(sources));
        }

        (long rewritten, long total, double rate) = Rate(sources, hypotheses);
        var values = new Dictionary<string, double> { ["archaic_rewritten"] = rate * 100, ["archaic_total"] = total };
        return new MetricResult(Name, values, string.Create(CultureInfo.InvariantCulture, $"archaic words rewritten = {rate * 100:F1} % ({rewritten:N0} of {total:N0})"));
    }

    private static bool IsArchaic(string word, string lower, string previous)
    {
        if (Listed.Contains(lower))
        {
            return true;
        }

        bool name = char.IsUpper(word[0]);
        if (!name && lower.Length > 4 && lower.EndsWith("eth", StringComparison.Ordinal) && !lower.EndsWith("ieth", StringComparison.Ordinal) && !NotVerbs.Contains(lower))
        {
            return true;
        }

        return !name && previous == "thou" && lower.Length > 4 && lower.EndsWith("est", StringComparison.Ordinal);
    }

    private static IEnumerable<string> Words(string text)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }
}
